extension OpenAPIDocument {
    /// The rest of `paths:`: runs and feeds.
    static let feedPaths: String = """
          /v1/runs:
            get:
              tags: [runs]
              operationId: listRuns
              summary: Recent computation runs
              description: The 50 most recent runs of any status, newest first, as JSON, text or CSV.
              security:
                - bearerAuth: []
                - {}
              x-outcomesd-roles: [reader, partner, admin]
              x-outcomesd-anonymous-read: true
              parameters:
                - $ref: '#/components/parameters/Format'
                - $ref: '#/components/parameters/Lang'
              responses:
                '200':
                  description: Runs, newest first.
                  headers:
                    X-Outcomesd-Run:
                      $ref: '#/components/headers/LatestRun'
                  content:
                    application/json:
                      schema:
                        type: array
                        maxItems: 50
                        items:
                          $ref: '#/components/schemas/Run'
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
                '429':
                  $ref: '#/components/responses/TooManyRequests'
          /v1/feeds:
            get:
              tags: [feeds]
              operationId: listFeeds
              summary: The feed log
              description: The 200 most recent feeds, newest first; a partner sees its own, an admin all. JSON, text or CSV.
              security:
                - bearerAuth: []
              x-outcomesd-roles: [partner, admin]
              parameters:
                - $ref: '#/components/parameters/Format'
                - $ref: '#/components/parameters/Lang'
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
                '403':
                  $ref: '#/components/responses/Forbidden'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
            post:
              tags: [feeds]
              operationId: submitFeed
              summary: Submit a feed
              description: |
                A partner submits a CSV or JSON feed of its own indicators (see Indicators/FEEDS.md);
                an admin submits on behalf of a partner named by `?partner=`. The body is streamed and
                validated row by row; rows that fail are reported and the rest stored. A feed with no
                valid row is rejected (422, or 403 when every row is another partner's), recorded in
                the log, and validated afresh if sent again. A row that would change a published
                figure (`GET /v1/publications`) is refused with `period_published` unless the feed
                confirms the revision (`confirm_revisions`). The answer is the import report, as JSON
                or, with `Accept: text/plain`, as text.
              security:
                - bearerAuth: []
              x-outcomesd-roles: [partner, admin]
              parameters:
                - name: partner
                  in: query
                  required: true
                  description: |
                    Whose feed this is: a partner key from partners.yaml (an unknown one is 404).
                    Required with an admin token (400 without it). A partner token may leave it out,
                    meaning its own partner, and may only name that partner (else 403).
                  schema:
                    type: string
                    examples: [local_health_board]
                - name: file_name
                  in: query
                  required: false
                  description: A name for the feed in the log and the report (text; a NUL character is a 400).
                  schema:
                    type: string
                    pattern: '^[^\\x00]*$'
                - name: dry_run
                  in: query
                  required: false
                  description: |
                    Validate only; nothing is written. True when `true`, `1`, `yes` or empty (`?dry_run`),
                    false when `false`, `0` or `no` (case-insensitive); any other value is a 400, so a
                    typo never writes data.
                  schema:
                    type: string
                    pattern: '^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[Yy][Ee][Ss]|[Nn][Oo]|1|0)?$'
                    examples: ['true']
                - name: strict
                  in: query
                  required: false
                  description: Refuse the whole feed if any row is rejected. Same values as `dry_run`.
                  schema:
                    type: string
                    pattern: '^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[Yy][Ee][Ss]|[Nn][Oo]|1|0)?$'
                    examples: ['true']
                - name: confirm_revisions
                  in: query
                  required: false
                  description: |
                    Apply rows that change published figures, as confirmed revisions (listed in
                    `published_changes`); without it they are refused with `period_published`. Same
                    values as `dry_run`.
                  schema:
                    type: string
                    pattern: '^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[Yy][Ee][Ss]|[Nn][Oo]|1|0)?$'
                    examples: ['true']
                - name: reason
                  in: query
                  required: false
                  description: Why the feed is sent, kept with each revision it makes (a row's `reason` column comes first). Text; a NUL character is a 400.
                  schema:
                    type: string
                    pattern: '^[^\\x00]*$'
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
                  description: |
                    An admin token without `?partner=`, a query value holding a NUL character, or a
                    `dry_run`, `strict` or `confirm_revisions` that is not a yes/no value.
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
                '404':
                  description: An unknown partner in `?partner=`; the message lists the declared ones.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Error'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/ErrorText'
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
                  description: Rejected whole (a file-level error, no valid row, or a row error under `strict`).
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/ImportReport'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/ImportReportText'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
          /v1/feeds/{id}:
            get:
              tags: [feeds]
              operationId: getFeed
              summary: One feed with its row errors
              description: |
                A partner sees its own feeds, an admin all. JSON (the feed and its errors), text (a
                report for a person) or CSV (the errors, one per row: line,field,code,message,value).
              security:
                - bearerAuth: []
              x-outcomesd-roles: [partner, admin]
              parameters:
                - $ref: '#/components/parameters/Format'
                - $ref: '#/components/parameters/Lang'
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
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/TextTable'
                    text/csv:
                      schema:
                        $ref: '#/components/schemas/CSVTable'
                '400':
                  description: The id is not a whole number, or the format is unknown.
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
                  $ref: '#/components/responses/Forbidden'
                '404':
                  $ref: '#/components/responses/NotFound'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
        """
}
