extension OpenAPIDocument {
    /// `components:` security schemes, parameters, headers and shared responses.
    static let components: String = """
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
                not kept is 404; a value that is not an integer is 400; empty is the same as absent.
              schema:
                anyOf:
                  - type: integer
                    format: int64
                  - const: ''
            AsOf:
              name: as_of
              in: query
              required: false
              description: |
                Read the latest run that had finished by this time: an ISO 8601 (RFC 3339) date (the
                end of that day, UTC) or date-time. None by then is 404; a malformed value is 400.
                Empty is the same as absent (the latest run).
              schema:
                anyOf:
                  - type: string
                    format: date
                  - type: string
                    format: date-time
                  - const: ''
                examples: ['2026-11-01', '2026-11-01T09:00:00Z']
            AlertArea:
              name: area
              in: query
              required: false
              description: Only alerts of this area (an ONS/GSS code); default every area. An unknown code is 404.
              schema:
                type: string
                pattern: '^[A-Z][0-9]{8}$'
            AlertIndicator:
              name: indicator
              in: query
              required: false
              description: Only alerts of this indicator; an id not in the catalogue is 404.
              schema:
                type: string
            AlertAim:
              name: aim
              in: query
              required: false
              description: Only alerts of the indicators under this core aim (1 to 7); any other value is 400.
              schema:
                type: integer
                minimum: 1
                maximum: 7
            AlertDimension:
              name: dimension
              in: query
              required: false
              description: Only alerts of the indicators under this s25(11) dimension (a to i); any other value is 400.
              schema:
                type: string
                enum: [a, b, c, d, e, f, g, h, i]
            AlertSeverity:
              name: severity
              in: query
              required: false
              description: Only alerts of this severity; any other value is 400.
              schema:
                type: string
                enum: [info, warning, critical]
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
            LatestRun:
              description: The id of the latest finished run (absent before the first run finishes).
              required: false
              schema:
                type: integer
                format: int64
            ContentLanguage:
              description: '`cy` when Welsh was asked for (`?lang=cy` or `Accept-Language`), else `en`.'
              required: true
              schema:
                type: string
                enum: [en, cy]
            Vary:
              description: What chose the representation.
              required: true
              schema:
                type: string
                const: Accept, Accept-Language, Authorization
            CacheControl:
              description: '`no-cache`: keep it, but revalidate with `If-None-Match` (the latest run changes).'
              required: true
              schema:
                type: string
                const: no-cache
            WWWAuthenticate:
              description: '`Bearer realm="outcomesd"`'
              required: true
              schema:
                type: string
            RetryAfter:
              description: Seconds to wait before trying again.
              required: true
              schema:
                type: string
                pattern: '^[0-9]+$'
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
                Content-Language:
                  $ref: '#/components/headers/ContentLanguage'
                Vary:
                  $ref: '#/components/headers/Vary'
                Cache-Control:
                  $ref: '#/components/headers/CacheControl'
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
                      worse,higher_or_lower,not_compared,improving,no_significant_change,worsening,changing,
                      trend_not_assessed,red_red,targets_met,targets_missed,significant_gaps,board_better,
                      board_similar,board_worse,small,small_gaps,withheld,alerts_firing`; one row per aim then per
                      dimension, with the count of each list of the JSON summary.
            Depth:
              description: One row per indicator under the aim or dimension, sorted by id.
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
                Cache-Control:
                  $ref: '#/components/headers/CacheControl'
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
            BadRequest:
              description: |
                A parameter's value is not accepted; the message names the parameter and what would be.
                An unknown `format` is answered in JSON; other errors in text when text or CSV was
                asked for.
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Error'
                text/plain:
                  schema:
                    $ref: '#/components/schemas/ErrorText'
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
            BadAlertFilter:
              description: An unknown `format`, `state`, `aim`, `dimension` or `severity`, or a malformed `since`; the message names the parameter and what is accepted.
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Error'
                text/plain:
                  schema:
                    $ref: '#/components/schemas/ErrorText'
            TooManyRequests:
              description: >-
                Too many failed authentications from this client address (a missing, unknown or
                revoked token; 20 allowed, one more each second): what would be 401 is 429 until
                `Retry-After` seconds have passed. A request that authenticates is never refused
                this way.
              headers:
                Retry-After:
                  $ref: '#/components/headers/RetryAfter'
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
        """
}
