/// The OpenAPI 3.1 description of every HTTP endpoint, served at `GET /v1/openapi.yaml`.
///
/// Kept in the binary (no resource bundle) so an installed `outcomesd` serves it wherever it
/// runs. `OpenAPIConformanceTests` keeps it true: every route the router registers is here and
/// nothing else is, and real responses are validated against these schemas. Edit both together.
enum OpenAPIDocument {
    static let yaml: String = """
        openapi: 3.1.0
        info:
          title: outcomesd
          version: "1"
          summary: Outcomes measurement for children's services in Wales.
          description: |
            Summaries, measures, the catalogue, feed logs and computation runs of `outcomesd`.

            Formats: data endpoints that take `format` answer JSON (`application/json`, the default),
            plain text for a terminal (`text/plain; charset=utf-8`) or CSV (`text/csv; charset=utf-8`),
            chosen by `?format=json|text|csv`, else by the `Accept` header (`text/csv`, then
            `text/plain`), else JSON. An unknown `format` is 400.

            Welsh: `?lang=cy` (or `Accept-Language: cy...` when `lang` is absent) gives Welsh names
            in text, CSV and the catalogue tables where the catalogue has them; English otherwise.

            Access: `Authorization: Bearer <token>` (tokens come from `outcomesd token create`) with
            role `reader`, `partner` or `admin`. Reading summaries, measures and the catalogue needs
            any token, or none when the daemon runs with `serving.anonymous_read` on (the `{}`
            alternative in `security`). Feed logs need a partner token (its own feeds) or an admin
            token (all); submitting feeds a partner or admin token; starting a run an admin token.
            `x-outcomesd-roles` on each operation lists the roles that may call it.
            A missing, unknown or revoked token is 401 with `WWW-Authenticate: Bearer`; a role that
            may not call the operation is 403.

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
          license:
            name: See the repository
        servers:
          - url: /
        tags:
          - name: health
            description: Liveness and readiness, unauthenticated and cheap.
          - name: summaries
            description: How children are doing, per area, aim, dimension and indicator.
          - name: catalogue
            description: Areas, core aims, well-being dimensions and indicators.
          - name: feeds
            description: Partners' data feeds and their import reports.
          - name: runs
            description: Computation runs.
          - name: meta
            description: This description.
        paths:
          /healthz:
            get:
              tags: [health]
              operationId: getHealth
              summary: Liveness
              description: The process is up and serving; no I/O.
              security: []
              responses:
                '200':
                  description: Serving.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Health'
          /readyz:
            get:
              tags: [health]
              operationId: getReadiness
              summary: Readiness
              description: Whether the database answers `SELECT 1` within two seconds.
              security: []
              responses:
                '200':
                  description: The database is reachable.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Readiness'
                '503':
                  description: The database is unreachable (or slower than two seconds).
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Readiness'
          /v1/openapi.yaml:
            get:
              tags: [meta]
              operationId: getOpenAPI
              summary: This OpenAPI 3.1 description
              security: []
              responses:
                '200':
                  description: The description as YAML.
                  content:
                    application/yaml:
                      schema:
                        type: string
          /v1/summary:
            get:
              tags: [summaries]
              operationId: getSummary
              summary: The roll-up for an area
              description: |
                For each of the seven core aims and the nine s25(11) well-being dimensions: the
                indicators under it and which of them are current, stale or missing, better, similar
                or worse than Wales, improving or worsening, meeting targets, and the priority groups
                significantly behind all children. No composite index: every count names its
                indicators. From the latest finished run unless `run` is given. Served from a cache
                per run and representation.
              security:
                - bearerAuth: []
                - {}
              x-outcomesd-roles: [reader, partner, admin]
              x-outcomesd-anonymous-read: true
              parameters:
                - $ref: '#/components/parameters/Area'
                - $ref: '#/components/parameters/Run'
                - $ref: '#/components/parameters/AsOf'
                - $ref: '#/components/parameters/Format'
                - $ref: '#/components/parameters/Lang'
                - $ref: '#/components/parameters/AcceptLanguage'
                - $ref: '#/components/parameters/IfNoneMatch'
              responses:
                '200':
                  $ref: '#/components/responses/Summary'
                '304':
                  $ref: '#/components/responses/NotModified'
                '400':
                  $ref: '#/components/responses/BadFormat'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '404':
                  description: Unknown area code, or the run has no summary for the area.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Error'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/ErrorText'
                '503':
                  $ref: '#/components/responses/NoRun'
          /v1/areas:
            get:
              tags: [catalogue]
              operationId: listAreas
              summary: Areas
              description: Wales, the health boards and the local authorities with their ONS codes.
              security:
                - bearerAuth: []
                - {}
              x-outcomesd-roles: [reader, partner, admin]
              x-outcomesd-anonymous-read: true
              parameters:
                - $ref: '#/components/parameters/Format'
                - $ref: '#/components/parameters/Lang'
                - $ref: '#/components/parameters/AcceptLanguage'
              responses:
                '200':
                  description: One row per area.
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/AreaRow'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/TextTable'
                    text/csv:
                      schema:
                        $ref: '#/components/schemas/CSVTable'
                '400':
                  $ref: '#/components/responses/BadFormat'
                '401':
                  $ref: '#/components/responses/Unauthorized'
          /v1/areas/{code}:
            get:
              tags: [catalogue, summaries]
              operationId: getArea
              summary: One area's roll-up
              description: The same document as `GET /v1/summary?area={code}` (the `area` query is ignored).
              security:
                - bearerAuth: []
                - {}
              x-outcomesd-roles: [reader, partner, admin]
              x-outcomesd-anonymous-read: true
              parameters:
                - name: code
                  in: path
                  required: true
                  description: An ONS/GSS code, e.g. W92000004 (Wales) or W06000015 (Cardiff).
                  schema:
                    type: string
                    pattern: '^[A-Z][0-9]{8}$'
                    examples: [W06000015]
                - $ref: '#/components/parameters/Run'
                - $ref: '#/components/parameters/AsOf'
                - $ref: '#/components/parameters/Format'
                - $ref: '#/components/parameters/Lang'
                - $ref: '#/components/parameters/AcceptLanguage'
                - $ref: '#/components/parameters/IfNoneMatch'
              responses:
                '200':
                  $ref: '#/components/responses/Summary'
                '304':
                  $ref: '#/components/responses/NotModified'
                '400':
                  $ref: '#/components/responses/BadFormat'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '404':
                  $ref: '#/components/responses/NotFound'
                '503':
                  $ref: '#/components/responses/NoRun'
          /v1/aims:
            get:
              tags: [catalogue]
              operationId: listAims
              summary: The seven core aims
              security:
                - bearerAuth: []
                - {}
              x-outcomesd-roles: [reader, partner, admin]
              x-outcomesd-anonymous-read: true
              parameters:
                - $ref: '#/components/parameters/Format'
                - $ref: '#/components/parameters/Lang'
                - $ref: '#/components/parameters/AcceptLanguage'
              responses:
                '200':
                  description: One row per aim.
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/AimRow'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/TextTable'
                    text/csv:
                      schema:
                        $ref: '#/components/schemas/CSVTable'
                '400':
                  $ref: '#/components/responses/BadFormat'
                '401':
                  $ref: '#/components/responses/Unauthorized'
          /v1/aims/{n}:
            get:
              tags: [summaries]
              operationId: getAim
              summary: One core aim in depth
              description: Every indicator under the aim with its latest point for one area.
              security:
                - bearerAuth: []
                - {}
              x-outcomesd-roles: [reader, partner, admin]
              x-outcomesd-anonymous-read: true
              parameters:
                - name: n
                  in: path
                  required: true
                  description: The aim's number.
                  schema:
                    type: integer
                    minimum: 1
                    maximum: 7
                - $ref: '#/components/parameters/Area'
                - $ref: '#/components/parameters/Run'
                - $ref: '#/components/parameters/AsOf'
                - $ref: '#/components/parameters/Format'
                - $ref: '#/components/parameters/Lang'
                - $ref: '#/components/parameters/AcceptLanguage'
              responses:
                '200':
                  $ref: '#/components/responses/Depth'
                '400':
                  $ref: '#/components/responses/BadFormat'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '404':
                  $ref: '#/components/responses/NotFound'
                '503':
                  $ref: '#/components/responses/NoRun'
          /v1/dimensions:
            get:
              tags: [catalogue]
              operationId: listDimensions
              summary: The nine well-being dimensions of s25(11)
              security:
                - bearerAuth: []
                - {}
              x-outcomesd-roles: [reader, partner, admin]
              x-outcomesd-anonymous-read: true
              parameters:
                - $ref: '#/components/parameters/Format'
                - $ref: '#/components/parameters/Lang'
                - $ref: '#/components/parameters/AcceptLanguage'
              responses:
                '200':
                  description: One row per dimension.
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/DimensionRow'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/TextTable'
                    text/csv:
                      schema:
                        $ref: '#/components/schemas/CSVTable'
                '400':
                  $ref: '#/components/responses/BadFormat'
                '401':
                  $ref: '#/components/responses/Unauthorized'
          /v1/dimensions/{letter}:
            get:
              tags: [summaries]
              operationId: getDimension
              summary: One well-being dimension in depth
              description: Every indicator under the dimension with its latest point for one area.
              security:
                - bearerAuth: []
                - {}
              x-outcomesd-roles: [reader, partner, admin]
              x-outcomesd-anonymous-read: true
              parameters:
                - name: letter
                  in: path
                  required: true
                  description: The dimension's letter in s25(11), lower case.
                  schema:
                    type: string
                    enum: [a, b, c, d, e, f, g, h, i]
                - $ref: '#/components/parameters/Area'
                - $ref: '#/components/parameters/Run'
                - $ref: '#/components/parameters/AsOf'
                - $ref: '#/components/parameters/Format'
                - $ref: '#/components/parameters/Lang'
                - $ref: '#/components/parameters/AcceptLanguage'
              responses:
                '200':
                  $ref: '#/components/responses/Depth'
                '400':
                  $ref: '#/components/responses/BadFormat'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '404':
                  $ref: '#/components/responses/NotFound'
                '503':
                  $ref: '#/components/responses/NoRun'
          /v1/indicators:
            get:
              tags: [catalogue]
              operationId: listIndicators
              summary: Indicator metadata
              description: Every indicator in the catalogue. Titles are English only.
              security:
                - bearerAuth: []
                - {}
              x-outcomesd-roles: [reader, partner, admin]
              x-outcomesd-anonymous-read: true
              parameters:
                - $ref: '#/components/parameters/Format'
              responses:
                '200':
                  description: One row per indicator.
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/IndicatorRow'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/TextTable'
                    text/csv:
                      schema:
                        $ref: '#/components/schemas/CSVTable'
                '400':
                  $ref: '#/components/responses/BadFormat'
                '401':
                  $ref: '#/components/responses/Unauthorized'
          /v1/indicators/{id}:
            get:
              tags: [summaries]
              operationId: getIndicatorSeries
              summary: One indicator's series with its measures
              description: |
                Every period of the series for one area and breakdown, oldest first, with value,
                95% and 99.8% intervals, comparison with Wales and the health board, trend, change,
                quintile, target and equity gap. Small numbers are withheld unless the caller is an
                admin or the supplying partner.
              security:
                - bearerAuth: []
                - {}
              x-outcomesd-roles: [reader, partner, admin]
              x-outcomesd-anonymous-read: true
              parameters:
                - name: id
                  in: path
                  required: true
                  description: An indicator id (`GET /v1/indicators` lists them).
                  schema:
                    type: string
                    examples: [low_birth_weight]
                - $ref: '#/components/parameters/Area'
                - name: breakdown
                  in: query
                  required: false
                  description: A breakdown the indicator is reported for (404 names the allowed ones).
                  schema:
                    type: string
                    default: all
                - $ref: '#/components/parameters/Run'
                - $ref: '#/components/parameters/AsOf'
                - $ref: '#/components/parameters/Format'
                - $ref: '#/components/parameters/IfNoneMatch'
              responses:
                '200':
                  description: The series, oldest period first (an empty array when there is no data).
                  headers:
                    ETag:
                      $ref: '#/components/headers/ETag'
                    X-Outcomesd-Run:
                      $ref: '#/components/headers/Run'
                    X-Outcomesd-Run-Finished:
                      $ref: '#/components/headers/RunFinished'
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/MeasureRecord'
                    text/plain:
                      schema:
                        type: string
                        description: Headed table with intervals, trend arrows and a sparkline.
                    text/csv:
                      schema:
                        type: string
                        description: |
                          Header `period,value,lower95,upper95,lower998,upper998,numerator,denominator,
                          benchmark,trend,trend_chi2,change,quintile,target,derived,stale`; one row per period.
                '304':
                  $ref: '#/components/responses/NotModified'
                '400':
                  $ref: '#/components/responses/BadFormat'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '404':
                  description: Unknown indicator, unknown area, or a breakdown the indicator lacks.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Error'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/ErrorText'
                '503':
                  $ref: '#/components/responses/NoRun'
          /v1/runs:
            get:
              tags: [runs]
              operationId: listRuns
              summary: Recent computation runs
              description: The 50 most recent runs of any status, newest first. JSON only.
              security:
                - bearerAuth: []
                - {}
              x-outcomesd-roles: [reader, partner, admin]
              x-outcomesd-anonymous-read: true
              responses:
                '200':
                  description: Runs, newest first.
                  content:
                    application/json:
                      schema:
                        type: array
                        maxItems: 50
                        items:
                          $ref: '#/components/schemas/Run'
                '401':
                  $ref: '#/components/responses/Unauthorized'
            post:
              tags: [runs]
              operationId: startRun
              summary: Compute a run now
              description: Runs a computation synchronously and answers when it has finished. JSON only.
              security:
                - bearerAuth: []
              x-outcomesd-roles: [admin]
              responses:
                '201':
                  description: The run finished.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/RunReport'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '403':
                  $ref: '#/components/responses/Forbidden'
                '409':
                  description: Another process is computing; try again shortly.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Error'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/ErrorText'
          /v1/feeds:
            get:
              tags: [feeds]
              operationId: listFeeds
              summary: The feed log
              description: The 200 most recent feeds, newest first; a partner sees its own, an admin all. JSON only.
              security:
                - bearerAuth: []
              x-outcomesd-roles: [partner, admin]
              responses:
                '200':
                  description: Feeds, newest first.
                  content:
                    application/json:
                      schema:
                        type: array
                        maxItems: 200
                        items:
                          $ref: '#/components/schemas/FeedSummary'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '403':
                  $ref: '#/components/responses/Forbidden'
            post:
              tags: [feeds]
              operationId: submitFeed
              summary: Submit a feed
              description: |
                A partner submits a CSV or JSON feed of its own indicators (see Indicators/FEEDS.md);
                an admin submits on behalf of a partner with `?partner=`. The body is streamed and
                validated row by row; rows that fail are reported and the rest stored. The answer is
                the import report, as JSON or, with `Accept: text/plain`, as text.
              security:
                - bearerAuth: []
              x-outcomesd-roles: [partner, admin]
              parameters:
                - name: partner
                  in: query
                  required: false
                  description: |
                    Whose feed this is. Required with an admin token; with a partner token it may
                    only name that token's partner (else 403).
                  schema:
                    type: string
                - name: file_name
                  in: query
                  required: false
                  description: A name for the feed in the log and the report.
                  schema:
                    type: string
                - name: dry_run
                  in: query
                  required: false
                  description: |
                    Validate only; nothing is written. True when `true`, `1`, `yes` or empty (`?dry_run`),
                    case-insensitive; any other value is false.
                  schema:
                    type: string
                    examples: ['true']
                - name: strict
                  in: query
                  required: false
                  description: Refuse the whole feed if any row is rejected. Same values as `dry_run`.
                  schema:
                    type: string
                    examples: ['true']
              requestBody:
                required: true
                content:
                  text/csv:
                    schema:
                      type: string
                      description: Tidy CSV, one observation per row, with a header line.
                  application/json:
                    schema:
                      $ref: '#/components/schemas/FeedDocument'
              responses:
                '200':
                  description: Applied (possibly with some rows rejected), a duplicate of an earlier feed, or a dry run.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/ImportReport'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/ImportReportText'
                '400':
                  description: An admin token without `?partner=`, or an unknown partner.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Error'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/ErrorText'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '403':
                  description: |
                    A reader token, a partner token naming another partner (an `Error`), or a feed
                    whose every row was refused because its indicators belong to another partner
                    (the `ImportReport`, every error `partner_not_allowed`).
                  content:
                    application/json:
                      schema:
                        oneOf:
                          - $ref: '#/components/schemas/Error'
                          - $ref: '#/components/schemas/ImportReport'
                    text/plain:
                      schema:
                        type: string
                '413':
                  description: The body is over the configured limit; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Error'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/ErrorText'
                '415':
                  description: A `Content-Type` other than `text/csv` or `application/json`.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Error'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/ErrorText'
                '422':
                  description: Rejected whole (a file-level error, or a row error under `strict`).
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/ImportReport'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/ImportReportText'
          /v1/feeds/{id}:
            get:
              tags: [feeds]
              operationId: getFeed
              summary: One feed with its row errors
              description: A partner sees its own feeds, an admin all. JSON only.
              security:
                - bearerAuth: []
              x-outcomesd-roles: [partner, admin]
              parameters:
                - name: id
                  in: path
                  required: true
                  description: The feed id (`feed_id` in the import report).
                  schema:
                    type: integer
                    format: int64
              responses:
                '200':
                  description: The feed and its stored row errors.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/FeedDetail'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '403':
                  $ref: '#/components/responses/Forbidden'
                '404':
                  $ref: '#/components/responses/NotFound'
        components:
          securitySchemes:
            bearerAuth:
              type: http
              scheme: bearer
              description: A token from `outcomesd token create` (role reader, partner or admin).
          parameters:
            Format:
              name: format
              in: query
              required: false
              description: |
                The representation. Without it, `Accept: text/csv` gives CSV, `Accept: text/plain`
                text, anything else JSON. Any other value is 400.
              schema:
                type: string
                enum: [json, text, csv]
                default: json
            Lang:
              name: lang
              in: query
              required: false
              description: |
                `cy` for Welsh names where the catalogue has them; any other value English. Takes
                precedence over `Accept-Language`. The JSON summary carries both names regardless.
              schema:
                type: string
                examples: [cy]
            AcceptLanguage:
              name: Accept-Language
              in: header
              required: false
              description: Welsh when it starts with `cy` and `lang` is absent.
              schema:
                type: string
            Area:
              name: area
              in: query
              required: false
              description: An ONS/GSS area code (`GET /v1/areas` lists them); an unknown code is 404.
              schema:
                type: string
                pattern: '^[A-Z][0-9]{8}$'
                default: W92000004
            Run:
              name: run
              in: query
              required: false
              description: |
                A finished run's id; default the latest finished run. A run that is not finished or
                not kept is 404; a value that is not an integer is 400.
              schema:
                type: integer
                format: int64
            AsOf:
              name: as_of
              in: query
              required: false
              description: |
                Read the latest run that had finished by this time: an ISO 8601 date (the end of
                that day, UTC) or date-time. None by then is 404; a malformed value is 400.
              schema:
                type: string
            IfNoneMatch:
              name: If-None-Match
              in: header
              required: false
              description: An `ETag` from an earlier response; 304 when it still matches.
              schema:
                type: string
          headers:
            ETag:
              description: Derived from the run id and the representation (path, format, language, audience).
              required: true
              schema:
                type: string
            Run:
              description: The id of the run the response comes from.
              required: true
              schema:
                type: integer
                format: int64
            RunFinished:
              description: When that run finished (ISO 8601, UTC).
              required: true
              schema:
                type: string
                format: date-time
            WWWAuthenticate:
              description: '`Bearer realm="outcomesd"`'
              required: true
              schema:
                type: string
          responses:
            Summary:
              description: The roll-up of one area from one run.
              headers:
                ETag:
                  $ref: '#/components/headers/ETag'
                X-Outcomesd-Run:
                  $ref: '#/components/headers/Run'
                X-Outcomesd-Run-Finished:
                  $ref: '#/components/headers/RunFinished'
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/AreaSummary'
                text/plain:
                  schema:
                    type: string
                    description: Headed report, one line per aim and dimension, at most 100 columns, with a legend.
                text/csv:
                  schema:
                    type: string
                    description: |
                      Header `run,area,group,key,title,indicators,current,stale,missing,better,similar,
                      worse,improving,no_significant_change,worsening,red_red,targets_met,
                      targets_missed,significant_gaps`; one row per aim then per dimension, with counts.
            Depth:
              description: One row per indicator under the aim or dimension, sorted by id.
              headers:
                X-Outcomesd-Run:
                  $ref: '#/components/headers/Run'
              content:
                application/json:
                  schema:
                    type: array
                    items:
                      $ref: '#/components/schemas/DepthRow'
                text/plain:
                  schema:
                    $ref: '#/components/schemas/TextTable'
                text/csv:
                  schema:
                    $ref: '#/components/schemas/CSVTable'
            NotModified:
              description: The representation has not changed since the `ETag` given in `If-None-Match`. No body.
              headers:
                ETag:
                  $ref: '#/components/headers/ETag'
            BadFormat:
              description: An unknown `format`; the message names the choices.
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Error'
            Unauthorized:
              description: No bearer token (and anonymous read is off), or an unknown or revoked token.
              headers:
                WWW-Authenticate:
                  $ref: '#/components/headers/WWWAuthenticate'
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Error'
                text/plain:
                  schema:
                    $ref: '#/components/schemas/ErrorText'
            Forbidden:
              description: The token's role may not do this; the message names the roles that may.
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Error'
                text/plain:
                  schema:
                    $ref: '#/components/schemas/ErrorText'
            NotFound:
              description: Unknown code, number, letter or id; the message says how to find the valid ones.
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Error'
                text/plain:
                  schema:
                    $ref: '#/components/schemas/ErrorText'
            NoRun:
              description: No finished run yet, or the run asked for is not a finished run.
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Error'
                text/plain:
                  schema:
                    $ref: '#/components/schemas/ErrorText'
          schemas:
            Error:
              description: Every error a handler raises, as JSON.
              type: object
              additionalProperties: false
              required: [error]
              properties:
                error:
                  type: object
                  additionalProperties: false
                  required: [message]
                  properties:
                    message:
                      type: string
                      description: What went wrong and what would be accepted.
            ErrorText:
              description: An error as plain text, when text or CSV was asked for.
              type: string
              pattern: '^error [0-9]{3}: '
            TextTable:
              description: An aligned table under a title, for a terminal.
              type: string
            CSVTable:
              description: RFC 4180 CSV with a header line; the same columns as the JSON rows.
              type: string
            ImportReportText:
              description: The import report as text, counts first, then one line per row error.
              type: string
            Health:
              type: object
              additionalProperties: false
              required: [status]
              properties:
                status:
                  type: string
                  enum: [ok]
            Readiness:
              type: object
              additionalProperties: false
              required: [status, database]
              properties:
                status:
                  type: string
                  enum: [ready, not_ready]
                database:
                  type: string
                  enum: [reachable, unreachable]
            IndicatorIds:
              description: Indicator ids.
              type: array
              items:
                type: string
            AreaSummary:
              description: How children in one area are doing under each core aim and each dimension.
              type: object
              additionalProperties: false
              required: [area, area_name, aims, dimensions]
              properties:
                area:
                  type: string
                  description: ONS/GSS code.
                  pattern: '^[A-Z][0-9]{8}$'
                area_name:
                  type: string
                  description: English name.
                area_name_cy:
                  type: string
                  description: Welsh name; absent when the catalogue has none.
                aims:
                  type: array
                  description: The seven core aims, in order.
                  items:
                    $ref: '#/components/schemas/SummaryGroup'
                dimensions:
                  type: array
                  description: The nine well-being dimensions, a to i.
                  items:
                    $ref: '#/components/schemas/SummaryGroup'
            SummaryGroup:
              description: |
                One aim or dimension. Each list names the indicators in that state; `indicators` is
                all of them. better/worse include best/worst; no-judgement indicators that differ
                significantly from Wales are in higher_or_lower, and those with a significant trend
                in changing.
              type: object
              additionalProperties: false
              required: [key, title, indicators, current, stale, missing, better, similar, worse,
                         higher_or_lower, not_compared, improving, no_significant_change, worsening,
                         changing, trend_not_assessed, red_red, targets_met, targets_missed, significant_gaps]
              properties:
                key:
                  type: string
                  description: The aim's number (1-7) or the dimension's letter (a-i).
                title:
                  type: string
                title_cy:
                  type: string
                  description: Welsh title; absent when the catalogue has none.
                indicators:
                  $ref: '#/components/schemas/IndicatorIds'
                current:
                  $ref: '#/components/schemas/IndicatorIds'
                stale:
                  $ref: '#/components/schemas/IndicatorIds'
                missing:
                  $ref: '#/components/schemas/IndicatorIds'
                better:
                  $ref: '#/components/schemas/IndicatorIds'
                similar:
                  $ref: '#/components/schemas/IndicatorIds'
                worse:
                  $ref: '#/components/schemas/IndicatorIds'
                higher_or_lower:
                  $ref: '#/components/schemas/IndicatorIds'
                not_compared:
                  $ref: '#/components/schemas/IndicatorIds'
                changing:
                  $ref: '#/components/schemas/IndicatorIds'
                improving:
                  $ref: '#/components/schemas/IndicatorIds'
                no_significant_change:
                  $ref: '#/components/schemas/IndicatorIds'
                worsening:
                  $ref: '#/components/schemas/IndicatorIds'
                trend_not_assessed:
                  $ref: '#/components/schemas/IndicatorIds'
                red_red:
                  description: Significantly worse than Wales and significantly worsening.
                  $ref: '#/components/schemas/IndicatorIds'
                targets_met:
                  $ref: '#/components/schemas/IndicatorIds'
                targets_missed:
                  $ref: '#/components/schemas/IndicatorIds'
                significant_gaps:
                  type: array
                  description: Priority groups significantly behind all children, as `indicator/breakdown`.
                  items:
                    type: string
            Comparison:
              description: |
                Against a benchmark: best/worst when significant at 99.8%, better/worse at 95%, similar;
                higher/lower (higher_99_8/lower_99_8) for no-judgement indicators; null when not compared.
              type: [string, 'null']
              enum: [best, better, similar, worse, worst, higher, lower, higher_99_8, lower_99_8, null]
            TrendLabel:
              description: The recent trend (last five points).
              type: [string, 'null']
              enum: [increasing_and_getting_better, increasing_and_getting_worse, decreasing_and_getting_better,
                     decreasing_and_getting_worse, increasing, decreasing, no_significant_change,
                     cannot_be_calculated, null]
            MeasureRecord:
              description: |
                One period of a series. Every key is always present, null when not applicable or
                withheld as a small number.
              type: object
              additionalProperties: false
              required: [period, value, lower95, upper95, lower998, upper998, numerator, denominator,
                         benchmark, benchmark_board, trend, trend_chi2, change, change_relative, quintile,
                         target, derived, stale, notes, gap, gap_significant]
              properties:
                period:
                  type: string
                  description: In the indicator's period type, e.g. 2024, 2024-25, 2024/25, 2024-Q3, 2024-07.
                value:
                  type: [number, 'null']
                lower95:
                  type: [number, 'null']
                upper95:
                  type: [number, 'null']
                lower998:
                  type: [number, 'null']
                upper998:
                  type: [number, 'null']
                numerator:
                  type: [number, 'null']
                denominator:
                  type: [number, 'null']
                benchmark:
                  $ref: '#/components/schemas/Comparison'
                benchmark_board:
                  $ref: '#/components/schemas/Comparison'
                trend:
                  $ref: '#/components/schemas/TrendLabel'
                trend_chi2:
                  type: [number, 'null']
                change:
                  type: [number, 'null']
                  description: Change from the same period a year earlier, in value units.
                change_relative:
                  type: [number, 'null']
                quintile:
                  type: [integer, 'null']
                  minimum: 1
                  maximum: 5
                  description: Among the local authorities, 1 the best fifth.
                target:
                  type: [boolean, 'null']
                  description: Whether the indicator's target is met; null without a target.
                derived:
                  type: boolean
                  description: Aggregated from other areas rather than supplied.
                stale:
                  type: [boolean, 'null']
                notes:
                  type: string
                  pattern: '^[bceprtuxz]*$'
                  description: StatsWales note letters, sorted; `c` when withheld.
                gap:
                  type: [number, 'null']
                  description: This breakdown minus all children (null for `all`).
                gap_significant:
                  type: [boolean, 'null']
            AreaRow:
              type: object
              additionalProperties: false
              required: [code, name, kind, parent, valid_from, valid_to]
              properties:
                code:
                  type: string
                  pattern: '^[A-Z][0-9]{8}$'
                name:
                  type: string
                kind:
                  type: string
                  enum: [country, health_board, local_authority]
                parent:
                  type: string
                  description: The containing area's code today; empty for Wales.
                valid_from:
                  type: string
                  description: YYYY-MM-DD, or empty when open.
                  pattern: '^([0-9]{4}-[0-9]{2}-[0-9]{2})?$'
                valid_to:
                  type: string
                  description: YYYY-MM-DD, or empty when open.
                  pattern: '^([0-9]{4}-[0-9]{2}-[0-9]{2})?$'
            AimRow:
              type: object
              additionalProperties: false
              required: [aim, title, indicators]
              properties:
                aim:
                  type: string
                  description: The aim's number, as a string.
                  pattern: '^[1-7]$'
                title:
                  type: string
                indicators:
                  type: string
                  description: How many indicators are under the aim, as a string.
                  pattern: '^[0-9]+$'
            DimensionRow:
              type: object
              additionalProperties: false
              required: [dimension, title, indicators]
              properties:
                dimension:
                  type: string
                  pattern: '^[a-i]$'
                title:
                  type: string
                indicators:
                  type: string
                  description: How many indicators are under the dimension, as a string.
                  pattern: '^[0-9]+$'
            IndicatorRow:
              type: object
              additionalProperties: false
              required: [id, title, type, unit, polarity, aims, dimensions, partner, period_type, breakdowns]
              properties:
                id:
                  type: string
                title:
                  type: string
                  description: English title.
                type:
                  type: string
                  enum: [proportion, rate, count, mean, value_with_ci]
                unit:
                  type: string
                polarity:
                  type: string
                  enum: [high_is_good, low_is_good, no_judgement]
                aims:
                  type: string
                  description: Aim numbers separated by spaces, e.g. "1 3".
                  pattern: '^[1-7]( [1-7])*$'
                dimensions:
                  type: string
                  description: Dimension letters separated by spaces, e.g. "a i".
                  pattern: '^([a-i]( [a-i])*)?$'
                partner:
                  type: string
                  description: The key of the partner that supplies it.
                period_type:
                  type: string
                  enum: [calendar, financial, academic, quarter, month]
                breakdowns:
                  type: string
                  description: Breakdown keys separated by spaces, always including `all`.
            DepthRow:
              description: |
                An indicator's latest `all` point for the area. Numbers are strings (4 significant
                figures) and empty when missing or withheld. An indicator without data has every
                cell empty except `indicator` and `trend`, which is `no data`.
              type: object
              additionalProperties: false
              required: [indicator, period, value, lower95, upper95, vs_wales, trend, significant_gaps]
              properties:
                indicator:
                  type: string
                period:
                  type: string
                value:
                  type: string
                lower95:
                  type: string
                upper95:
                  type: string
                vs_wales:
                  type: string
                  enum: [best, better, similar, worse, worst, higher, lower, higher_99_8, lower_99_8,
                         not_compared, '']
                trend:
                  type: string
                  enum: [increasing_and_getting_better, increasing_and_getting_worse,
                         decreasing_and_getting_better, decreasing_and_getting_worse, increasing, decreasing,
                         no_significant_change, cannot_be_calculated, no data, '']
                significant_gaps:
                  type: string
                  description: Breakdowns with a significant gap and the gap (withheld when suppressed), separated by "; ".
            Run:
              type: object
              additionalProperties: false
              required: [id, trigger, full, status, started_at, observations, measures]
              properties:
                id:
                  type: integer
                  format: int64
                trigger:
                  type: string
                  enum: [schedule, feed, cli, startup, api]
                full:
                  type: boolean
                  description: A full run rather than an incremental one.
                status:
                  type: string
                  enum: [running, finished, failed, pruned]
                started_at:
                  type: string
                  format: date-time
                finished_at:
                  type: string
                  format: date-time
                  description: Absent until the run has finished.
                observations:
                  type: integer
                measures:
                  type: integer
            RunReport:
              type: object
              additionalProperties: false
              required: [run_id, full, observations, measures, recomputed_indicators, seconds]
              properties:
                run_id:
                  type: integer
                  format: int64
                full:
                  type: boolean
                based_on:
                  type: integer
                  format: int64
                  description: The run an incremental run builds on; absent for a full run.
                observations:
                  type: integer
                measures:
                  type: integer
                recomputed_indicators:
                  type: integer
                seconds:
                  type: number
            FeedSummary:
              description: One feed in the log (without its row errors).
              type: object
              additionalProperties: false
              required: [id, partner, source, status, received_at, rows, inserted, updated, unchanged, rejected]
              properties:
                id:
                  type: integer
                  format: int64
                partner:
                  type: string
                source:
                  type: string
                  enum: [spool, http, cli]
                file_name:
                  type: string
                  description: Absent when none was given.
                status:
                  type: string
                  enum: [applied, rejected, duplicate]
                received_at:
                  type: string
                  format: date-time
                rows:
                  type: integer
                inserted:
                  type: integer
                updated:
                  type: integer
                unchanged:
                  type: integer
                rejected:
                  type: integer
                message:
                  type: string
                  description: The file-level error of a feed rejected whole; absent otherwise.
            FeedDetail:
              description: One feed with its stored row errors.
              type: object
              additionalProperties: false
              required: [id, partner, source, status, received_at, rows, inserted, updated, unchanged, rejected, errors]
              properties:
                id:
                  type: integer
                  format: int64
                partner:
                  type: string
                source:
                  type: string
                  enum: [spool, http, cli]
                file_name:
                  type: string
                  description: Absent when none was given.
                status:
                  type: string
                  enum: [applied, rejected, duplicate]
                received_at:
                  type: string
                  format: date-time
                rows:
                  type: integer
                inserted:
                  type: integer
                updated:
                  type: integer
                unchanged:
                  type: integer
                rejected:
                  type: integer
                message:
                  type: string
                  description: The file-level error of a feed rejected whole; absent otherwise.
                errors:
                  type: array
                  items:
                    $ref: '#/components/schemas/FeedErrorRecord'
            FeedErrorRecord:
              description: A stored row error; `line`, `field` and `value` are absent when not recorded.
              type: object
              additionalProperties: false
              required: [code, message]
              properties:
                line:
                  type: integer
                field:
                  type: string
                code:
                  type: string
                message:
                  type: string
                value:
                  type: string
            ImportReport:
              description: What happened to one feed. Every key is present; null when not applicable.
              type: object
              additionalProperties: false
              required: [feed_id, status, duplicate_of, partner, file_name, sha256, rows, inserted, updated,
                         unchanged, rejected, file_error, errors]
              properties:
                feed_id:
                  type: [integer, 'null']
                  format: int64
                  description: The feed's id in the log; null for a dry run or a duplicate.
                status:
                  type: string
                  enum: [applied, rejected, duplicate, dry_run]
                duplicate_of:
                  type: [integer, 'null']
                  format: int64
                  description: The earlier, byte-identical feed; null unless `duplicate`.
                partner:
                  type: string
                file_name:
                  type: [string, 'null']
                sha256:
                  type: string
                  pattern: '^[0-9a-f]{64}$'
                rows:
                  type: integer
                inserted:
                  type: integer
                updated:
                  type: integer
                unchanged:
                  type: integer
                rejected:
                  type: integer
                  description: Rows rejected (all of them; `errors` lists at most a limited number).
                file_error:
                  description: Why the feed was refused whole; null otherwise.
                  anyOf:
                    - $ref: '#/components/schemas/FileError'
                    - type: 'null'
                errors:
                  type: array
                  items:
                    $ref: '#/components/schemas/RowError'
            FileError:
              type: object
              additionalProperties: false
              required: [code, message]
              properties:
                code:
                  type: string
                  enum: [not_utf8, missing_column, duplicate_column, unknown_column, empty_feed, malformed_csv,
                         malformed_json, wrong_format]
                message:
                  type: string
                line:
                  type: integer
                column:
                  type: integer
                  description: 1-based byte column within the line.
                byte_offset:
                  type: integer
                  description: 0-based byte offset from the start of the file.
            RowError:
              description: One problem with one row; `line` for CSV, `index` (1-based observation) for JSON.
              type: object
              additionalProperties: false
              required: [field, code, message, value]
              oneOf:
                - required: [line]
                - required: [index]
              properties:
                line:
                  type: integer
                index:
                  type: integer
                column:
                  type: integer
                  description: The byte column, for `malformed_csv`.
                field:
                  type: string
                  description: The column, or `record` for the row as a whole.
                code:
                  type: string
                message:
                  type: string
                value:
                  type: string
                  description: The offending text as sent (empty when none).
            FeedDocument:
              description: |
                A JSON feed. Keys are the CSV column names, case-insensitive; an unknown key refuses
                the feed. Numbers may be JSON numbers or strings; null is an empty cell.
              type: object
              required: [observations]
              properties:
                observations:
                  type: array
                  minItems: 1
                  items:
                    $ref: '#/components/schemas/FeedObservation'
            FeedObservation:
              type: object
              required: [indicator, area, period]
              properties:
                indicator:
                  type: string
                area:
                  type: string
                period:
                  type: string
                breakdown:
                  type: [string, 'null']
                numerator:
                  type: [number, string, 'null']
                denominator:
                  type: [number, string, 'null']
                value:
                  type: [number, string, 'null']
                lower:
                  type: [number, string, 'null']
                upper:
                  type: [number, string, 'null']
                note:
                  type: [string, 'null']
        """
}
