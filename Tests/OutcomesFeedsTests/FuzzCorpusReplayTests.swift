import Foundation
import Testing
import FuzzTargets

/// CI's share of the fuzzing (issue 14): every input of the committed fuzz corpora
/// (`Tests/Fuzz/<target>/`, grown and minimised by `scripts/fuzz`) goes through the very entry
/// functions the libFuzzer targets call. A crash, trap or broken invariant kills the test process,
/// which is the failure; refusals with typed errors are expected outcomes.
@Suite("Fuzz corpus replay")
struct FuzzCorpusReplayTests {
    static let corpusRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz").path

    @Test("every corpus input of the target replays without a crash", arguments: FuzzTargets.all.map(\.name))
    func replay(target: String) throws {
        let run = try #require(FuzzTargets.all.first { $0.name == target }?.run)
        let replayed = FuzzTargets.replay(["\(Self.corpusRoot)/\(target)"], run)
        #expect(replayed > 0, "no corpus inputs found in Tests/Fuzz/\(target)")
    }
}
