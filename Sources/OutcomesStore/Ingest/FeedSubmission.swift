public import OutcomesCore
public import OutcomesFeeds

/// One feed as it came in — by HTTP, the spool or the command line — before a byte of it is
/// read: whose it is, how it came, its format, and what the sender asked for. Each way in builds
/// this one value (``FeedIngest`` takes nothing else), and building it is where the partner is
/// checked against the catalogue, once: a submission holds a declared ``Partner``.
/// ```swift
/// let submission = try FeedSubmission(partner: "local_authority", in: catalogue, source: .spool,
///                                     fileName: "lac.csv", format: .detect(fileName: "lac.csv", contentType: nil, firstBytes: head),
///                                     today: .today())
/// ```
public struct FeedSubmission: Sendable {
    /// The partner whose feed it is (declared in partners.yaml: checked when built).
    public let partner: Partner
    public var source: FeedSource
    public var fileName: String?
    public var format: FeedFormat
    public var strict: Bool
    public var dryRun: Bool
    public var today: CivilDate
    /// The feed's SHA-256 when known before reading (files: see ``FeedDigest``): a duplicate
    /// is then recognised before any row is parsed.
    public var sha256: [UInt8]?
    /// Who sent it, for the audit: the token's name, or the operating-system user of the CLI
    /// or of the spool file.
    public var submittedBy: String?
    /// Why (the whole feed's reason; a row's own `reason` column takes precedence for it).
    public var reason: String?
    /// Apply rows that change published values (as confirmed revisions) instead of refusing them.
    public var confirmRevisions: Bool

    /// The partner key names no partner of the catalogue. Each way in says it in its own terms
    /// (404, a rejected spool file, a usage error) with this message.
    public struct UnknownPartner: Error, CustomStringConvertible {
        public var partner: String
        public var declared: [String]
        public var description: String {
            "unknown partner '\(partner)'; declared in partners.yaml: \(declared.joined(separator: ", "))"
        }
    }

    public init(partner key: String, in catalogue: Catalogue, source: FeedSource, fileName: String?, format: FeedFormat,
                strict: Bool = false, dryRun: Bool = false, today: CivilDate, sha256: [UInt8]? = nil,
                submittedBy: String? = nil, reason: String? = nil, confirmRevisions: Bool = false) throws(UnknownPartner) {
        guard let partner = catalogue.partners.first(where: { $0.key == key }) else {
            throw UnknownPartner(partner: key, declared: catalogue.partners.map(\.key))
        }
        self.partner = partner
        self.source = source
        self.fileName = fileName
        self.format = format
        self.strict = strict
        self.dryRun = dryRun
        self.today = today
        self.sha256 = sha256
        self.submittedBy = submittedBy
        self.reason = reason.flatMap { $0.isEmpty ? nil : $0 }
        self.confirmRevisions = confirmRevisions
    }
}
