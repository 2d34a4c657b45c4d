/// The OpenAPI 3.1 description of every HTTP endpoint, served at `GET /v1/openapi.yaml`.
///
/// Kept in the binary (no resource bundle) so an installed `outcomesd` serves it wherever it
/// runs. `OpenAPIConformanceTests` keeps it true: every route the router registers is here and
/// nothing else is, and real responses are validated against these schemas. Edit both together.
enum OpenAPIDocument {
    /// The whole document: the parts below, in order. Each part is a slice of one YAML document
    /// (indentation continues across them), split by concern so each file stays readable.
    static let yaml: String = [header, readPaths, feedPaths, alertPaths, auditPaths, profilePaths,
                               components, pageResponse, readSchemas, feedSchemas, alertSchemas, auditSchemas].joined(separator: "\n")

    /// `openapi`, `info`, `servers`, `tags`.
    static let header: String = """
        openapi: 3.1.0
        info:
          title: outcomesd
          version: "1"
          summary: Outcomes measurement for children's services in Wales.
          description: |
            Summaries, measures, the catalogue, feed logs, computation runs, alerts, published
            figures, the audit of revised values and what changed between runs of `outcomesd`.

            Formats: data endpoints that take `format` answer JSON (`application/json`, the default),
            plain text for a terminal (`text/plain; charset=utf-8`) or CSV (`text/csv; charset=utf-8`),
            chosen by `?format=json|text|csv`, else by the `Accept` header (`text/csv`, then
            `text/plain`), else JSON. An unknown `format` is 400.

            Welsh: `?lang=cy` (or `Accept-Language: cy...` when `lang` is absent) gives Welsh names
            in text, CSV and the catalogue tables where the catalogue has them; English otherwise.

            Access: `Authorization: Bearer <token>` (tokens come from `outcomesd token create`) with
            role `reader`, `partner` or `admin`. Reading summaries, measures, alerts, publications,
            changes and the catalogue needs any token, or none when the daemon runs with
            `serving.anonymous_read` on (the `{}` alternative in `security`). Feed logs need a partner
            token (its own feeds) or an admin token (all), and so do revisions (its own indicators',
            or all); submitting feeds a partner or admin token; starting a run, publishing and
            withdrawing an admin token.
            `x-outcomesd-roles` on each operation lists the roles that may call it.
            A missing, unknown or revoked token is 401 with `WWW-Authenticate: Bearer`; a role that
            may not call the operation is 403. A client address with too many failed authentications
            (20, then one more a second; `serving.auth_failure_burst`, `serving.auth_failures_per_second`)
            gets 429 with `Retry-After` instead of 401 until it may try again.

            Small numbers: readers, anonymous callers and partners reading another partner's
            indicator see counts, numerators and denominators below the indicator's threshold
            (default 5) withheld as null, with every value derived from them, and `c` added to
            `notes`. Admins and the supplying partner see everything.

            Caching: summaries and series carry an `ETag` derived from the run and the
            representation; `If-None-Match` with it gives 304. They also carry the run id
            (`X-Outcomesd-Run`) and its finish time (`X-Outcomesd-Run-Finished`).

            Errors: JSON `{"error": {"message": "..."}}` (the `Error` schema), or, when the request
            asked for text or CSV (by `format` or `Accept`), plain text `error <status>: <message>`.
            The message says what would be accepted.

            Methods: `HEAD` answers every `GET` below with the same status and headers (`ETag`,
            `Content-Type`, `Content-Length`, the run headers) and no body, `If-None-Match` included.
            A method a path does not have is 405 with `Allow` listing the ones it has.
          license:
            name: See the repository
        servers:
          - url: /
        tags:
          - name: health
            description: Liveness, readiness and metrics, unauthenticated (metrics unless configured otherwise) and cheap.
          - name: summaries
            description: How children are doing, per area, aim, dimension and indicator.
          - name: catalogue
            description: Areas, core aims, well-being dimensions and indicators.
          - name: feeds
            description: Partners' data feeds and their import reports.
          - name: runs
            description: Computation runs.
          - name: alerts
            description: Alerts raised by the catalogue's rules after each run, and their changes.
          - name: publications
            description: Published figures; a feed changes them only by confirming the revision.
          - name: revisions
            description: The audit of revised values (who, how, when, why).
          - name: changes
            description: What changed between two runs.
          - name: pages
            description: Area profiles and series for a browser (HTML with inline SVG charts, English or Welsh).
          - name: meta
            description: This description.
        """
}
