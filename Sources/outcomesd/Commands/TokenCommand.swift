import ArgumentParser
import Foundation
import OutcomesCore
import OutcomesStore

/// `outcomesd token create|list|revoke`: API bearer tokens.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke API bearer tokens (only their hashes are stored).",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it once.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "reader, partner or admin.") var role: Principal.Role
        @Option(help: "The partner key, for --role partner.") var partner: String?
        @Option(help: "A name saying who holds the token.") var name: String
        @Option(name: .customLong("expires-in"),
                help: "Days until the token stops being accepted, e.g. 90 or 90d (default: it does not expire).") var expiresIn: String?

        func run() async throws {
            do {
                var expiresAt: Date?
                if let expiresIn {
                    let digits = expiresIn.hasSuffix("d") ? String(expiresIn.dropLast()) : expiresIn
                    guard let days = Int(digits), (1...3650).contains(days) else {
                        printError("--expires-in: '\(expiresIn)' is not a number of days from 1 to 3650 (e.g. 90 or 90d)")
                        throw ExitCode.validationFailure
                    }
                    expiresAt = Date().addingTimeInterval(Double(days) * 86_400)
                }
                let runtime = try Runtime(options)
                let (role, partner, name, logger, expires) = (role, partner, name, runtime.logger, expiresAt)
                let (token, record) = try await runtime.withMigratedDatabase { client in
                    try await TokenStore(client: client, logger: logger).create(role: role, partner: partner, name: name, expiresAt: expires)
                }
                print(token)
                let until = record.expiresAt.map { "; it expires at \(ISO8601DateFormatter().string(from: $0))" } ?? ""
                printError("created token \(record.id) (\(record.role.rawValue)\(record.partner.map { ", partner \($0)" } ?? "")) for '\(record.name)'\(until); it is shown only now")
            } catch let exit as ExitWith {
                throw exit.code
            } catch let error as TokenStore.InvalidRequest {
                printError(error.description)
                throw ExitCode.validationFailure
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never the tokens themselves).")
        @OptionGroup var options: GlobalOptions
        @Flag(help: "Include revoked tokens.") var all = false

        func run() async throws {
            do {
                let runtime = try Runtime(options)
                let (all, logger) = (all, runtime.logger)
                let records = try await runtime.withMigratedDatabase { client in
                    try await TokenStore(client: client, logger: logger).list(includeRevoked: all)
                }
                let formatter = ISO8601DateFormatter()
                print("id  role     partner               prefix      created               last used             expires               name")
                for r in records {
                    let expired = r.expiresAt.map { $0 <= Date() } ?? false
                    let cells = [String(r.id), r.role.rawValue, r.partner ?? "-", r.prefix + "…", formatter.string(from: r.createdAt),
                                 r.lastUsedAt.map(formatter.string(from:)) ?? "never", r.expiresAt.map(formatter.string(from:)) ?? "never",
                                 r.name + (r.revokedAt == nil ? "" : " (revoked)") + (expired ? " (expired)" : "")]
                    let widths = [4, 9, 22, 12, 22, 22, 22, 0]
                    print(zip(cells, widths).map { $1 == 0 ? $0 : $0.padding(toLength: $1 - 1, withPad: " ", startingAt: 0) + " " }.joined())
                }
            } catch let exit as ExitWith { throw exit.code }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by id or name.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Token id or name.") var token: String

        func run() async throws {
            do {
                let runtime = try Runtime(options)
                let (token, logger) = (token, runtime.logger)
                let count = try await runtime.withMigratedDatabase { client in
                    try await TokenStore(client: client, logger: logger).revoke(token)
                }
                guard count > 0 else {
                    printError("no active token with id or name '\(token)'")
                    throw ExitWith(.failure)
                }
                print("revoked \(count) token\(count == 1 ? "" : "s")")
            } catch let exit as ExitWith { throw exit.code }
        }
    }
}

extension Principal.Role: ExpressibleByArgument {}
