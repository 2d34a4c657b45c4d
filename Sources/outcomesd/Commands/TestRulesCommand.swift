import ArgumentParser
import OutcomesCore
import OutcomesFeeds

/// `outcomesd test rules FILE…`: runs promtool-style tests of the catalogue's alert rules
/// (``RuleTestFile``); prints one line per expectation and exits 1 if any fails.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Test the catalogue's alert rules against fixture series.",
        subcommands: [TestRulesCommand.self]
    )
}

struct TestRulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Run rule test files (series per period and the alerts expected after given periods); exit 1 on any failure."
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "Rule test files (YAML), e.g. Indicators/tests/*.yaml.") var files: [String]

    func run() async throws {
        var configuration = Configuration()
        do { configuration = try options.loadConfiguration() } catch { throw fail(with: error) }
        let catalogue: Catalogue
        do { catalogue = try CatalogueFolder.load(options.catalogueDirectory(configuration)) } catch { throw fail(with: error) }
        var passed = 0, failed = 0, issues: [CatalogueIssue] = []
        for path in files {
            let file: RuleTestFile
            do {
                file = try RuleTestFile.parse(try TextFile.read(path), catalogue: catalogue)
            } catch let error as CatalogueError {
                issues += error.issues
                continue
            } catch let error as TextFile.ReadError {
                issues.append(error.issue)
                continue
            }
            for outcome in RuleTestRunner.run(file, catalogue: catalogue) {
                if let failure = outcome.failure {
                    failed += 1
                    print("FAIL \(outcome.location): \(outcome.test), after \(outcome.after): \(failure)")
                } else {
                    passed += 1
                    print("ok   \(outcome.location): \(outcome.test), after \(outcome.after)")
                }
            }
        }
        for issue in issues { printError(issue.description) }
        print("\(passed) passed, \(failed) failed in \(files.count) file\(files.count == 1 ? "" : "s")")
        if failed > 0 || !issues.isEmpty { throw ExitCode.failure }
    }
}
