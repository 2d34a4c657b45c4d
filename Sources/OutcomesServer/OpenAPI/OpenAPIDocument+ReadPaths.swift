extension OpenAPIDocument {
    /// `paths:` for health, the document itself, summaries, areas, aims, dimensions and indicators.
    static let readPaths: String = """
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
              description: |
                Whether the database answers `SELECT 1` within two seconds. While it does not, the
                daemon is degraded: cached summaries are still served, feeds in the spool wait, and
                runs and deliveries resume on their own when the database is back.
              security: []
              responses:
                '200':
                  description: The database is reachable.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Readiness'
                '503':
                  description: Degraded; the body says why, since when, and what is still served.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Readiness'
          /metrics:
            get:
              tags: [health]
              operationId: getMetrics
              summary: Prometheus metrics
              description: |
                The daemon's metrics in the Prometheus text exposition format 0.0.4: feeds and rows by
                partner and outcome, runs (duration, the latest finished run's time, observations and
                measures), alerts by state, outbox depth and delivery failures by sink, HTTP requests
                by route and status, the database and the embedded cluster. Answers 200 even when the
                database is down (`outcomesd_database_up` is then 0). Unauthenticated, like
                `/healthz`, unless the configuration sets `metrics.require_token: true`: then a reader
                or admin token is needed (401 without one, 403 for a partner token).
              security: []
              responses:
                '200':
                  description: The metrics.
                  content:
                    text/plain:
                      schema:
                        type: string
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '403':
                  $ref: '#/components/responses/Forbidden'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
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
                        description: This document; a YAML mapping (no `type`, so that it holds as text and as parsed YAML).
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
                  $ref: '#/components/responses/BadRequest'
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
                '429':
                  $ref: '#/components/responses/TooManyRequests'
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
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
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
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '404':
                  $ref: '#/components/responses/NotFound'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
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
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
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
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '404':
                  $ref: '#/components/responses/NotFound'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
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
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
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
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '404':
                  $ref: '#/components/responses/NotFound'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
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
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
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
                - $ref: '#/components/parameters/Lang'
                - $ref: '#/components/parameters/AcceptLanguage'
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
                    Content-Language:
                      $ref: '#/components/headers/ContentLanguage'
                    Vary:
                      $ref: '#/components/headers/Vary'
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
                  $ref: '#/components/responses/BadRequest'
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
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '503':
                  $ref: '#/components/responses/NoRun'
        """
}
