extension OpenAPIDocument {
    /// The rest of `paths:`: publications, the audit of revisions, and what changed between runs.
    static let auditPaths: String = """
          /v1/publications:
            get:
              tags: [publications]
              operationId: listPublications
              summary: Published figures
              description: |
                The publications in force, newest first; with `all` withdrawn ones too. A publication
                covers one indicator's `period`, or every period ending on or before the end of
                `through` (of one indicator, or of every indicator when `indicator` is null). A feed
                row that would change a value a publication covers is refused (`period_published`)
                unless the feed confirms the revision. JSON, text or CSV.
              security:
                - bearerAuth: []
                - {}
              x-outcomesd-roles: [reader, partner, admin]
              x-outcomesd-anonymous-read: true
              parameters:
                - $ref: '#/components/parameters/Format'
                - $ref: '#/components/parameters/Lang'
                - name: all
                  in: query
                  required: false
                  description: Withdrawn publications too. Same values as `dry_run` of `POST /v1/feeds`; any other is 400.
                  schema:
                    type: string
                    pattern: '^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[Yy][Ee][Ss]|[Nn][Oo]|1|0)?$'
                    examples: ['true']
              responses:
                '200':
                  description: Publications, newest first.
                  headers:
                    Content-Language:
                      $ref: '#/components/headers/ContentLanguage'
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/Publication'
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
              tags: [publications]
              operationId: publish
              summary: Publish figures
              description: |
                Records one indicator's period, or every period through one (of one indicator or of
                all), as published; the token's name is recorded as who. JSON only.
              security:
                - bearerAuth: []
              x-outcomesd-roles: [admin]
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/PublicationRequest'
              responses:
                '201':
                  description: Published.
                  headers:
                    Location:
                      description: '`/v1/publications/{id}` (its id for `DELETE`).'
                      required: true
                      schema:
                        type: string
                        pattern: '^/v1/publications/[0-9]+$'
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/PublicationEntry'
                '400':
                  description: |
                    The body is not such a JSON object, gives both or neither of `period` and `through`,
                    `period` without `indicator`, a period not in the indicator's form, or a value
                    holding a NUL character.
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
                  description: An indicator not in the catalogue.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Error'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/ErrorText'
                '413':
                  description: The body is over 64 KiB.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Error'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/ErrorText'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
          /v1/publications/{id}:
            delete:
              tags: [publications]
              operationId: withdrawPublication
              summary: Withdraw a publication
              description: |
                Withdraws a publication in force: its values may be revised again without confirming.
                The withdrawal (who, when, why) is recorded; the publication is never erased. JSON only.
              security:
                - bearerAuth: []
              x-outcomesd-roles: [admin]
              parameters:
                - name: id
                  in: path
                  required: true
                  description: The publication's id (`id` in `GET /v1/publications`).
                  schema:
                    type: integer
                    format: int64
                - name: reason
                  in: query
                  required: false
                  description: Why it is withdrawn (kept with the withdrawal).
                  schema:
                    type: string
              responses:
                '200':
                  description: Withdrawn.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/PublicationEntry'
                '400':
                  description: The id is not a whole number, or `reason` holds a NUL character.
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
                  description: No publication in force with this id (none, or already withdrawn).
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Error'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/ErrorText'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
          /v1/revisions:
            get:
              tags: [revisions]
              operationId: listRevisions
              summary: The audit of revised values, newest first
              description: |
                One row per revision that changed a stored value: the value before and after, the
                feed, how it came, who sent it (the token's name or the operating-system user), when,
                why, and whether it revised a published figure. A partner sees its own indicators'
                revisions, an admin all. JSON, text or CSV.
              security:
                - bearerAuth: []
              x-outcomesd-roles: [partner, admin]
              parameters:
                - $ref: '#/components/parameters/Format'
                - $ref: '#/components/parameters/Lang'
                - name: indicator
                  in: query
                  required: false
                  description: |
                    Only this indicator's revisions; an id not in the catalogue is 404, another
                    partner's indicator (for a partner token) 403. Empty is the same as absent.
                  schema:
                    type: string
                - name: area
                  in: query
                  required: false
                  description: Only this area's revisions (an ONS/GSS code); an unknown code is 404. Empty is the same as absent.
                  schema:
                    anyOf:
                      - type: string
                        pattern: '^[A-Z][0-9]{8}$'
                      - const: ''
                - name: since
                  in: query
                  required: false
                  description: |
                    Only revisions recorded at or after this time: an ISO 8601 (RFC 3339) date (from the
                    start of that day, UTC) or date-time. A malformed value is 400; empty is the same as absent.
                  schema:
                    anyOf:
                      - type: string
                        format: date
                      - type: string
                        format: date-time
                      - const: ''
                    examples: ['2026-11-01', '2026-11-01T09:00:00Z']
                - name: initial
                  in: query
                  required: false
                  description: First values too (`revision` 1, `old_value` null). Same values as `dry_run` of `POST /v1/feeds`.
                  schema:
                    type: string
                    pattern: '^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[Yy][Ee][Ss]|[Nn][Oo]|1|0)?$'
                    examples: ['true']
                - name: limit
                  in: query
                  required: false
                  description: At most this many rows (default 1000); anything but a whole number from 1 to 10000 is 400.
                  schema:
                    type: integer
                    minimum: 1
                    maximum: 10000
              responses:
                '200':
                  description: Revisions, newest first.
                  headers:
                    X-Outcomesd-Run:
                      $ref: '#/components/headers/LatestRun'
                    Content-Language:
                      $ref: '#/components/headers/ContentLanguage'
                  content:
                    application/json:
                      schema:
                        type: array
                        maxItems: 10000
                        items:
                          $ref: '#/components/schemas/Revision'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/TextTable'
                    text/csv:
                      schema:
                        $ref: '#/components/schemas/CSVTable'
                '400':
                  description: An unknown `format`, a malformed `since`, an `initial` that is not a yes/no value, or a bad `limit`.
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
                  description: A reader token, or a partner token asking for another partner's indicator.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Error'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/ErrorText'
                '404':
                  description: Unknown indicator or area.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Error'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/ErrorText'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
          /v1/changes:
            get:
              tags: [changes]
              operationId: listChanges
              summary: What changed between two runs
              description: |
                What the runs after `since_run` up to `to_run` changed: new latest periods, revised
                values (old → new), comparisons with Wales, trends and target status that moved
                (from → to), alerts fired and resolved; grouped by core aim or dimension, for one area
                or all. Values under the small-number threshold are withheld as everywhere. JSON,
                text or CSV (one row per change, with its group).
              security:
                - bearerAuth: []
                - {}
              x-outcomesd-roles: [reader, partner, admin]
              x-outcomesd-anonymous-read: true
              parameters:
                - $ref: '#/components/parameters/Format'
                - $ref: '#/components/parameters/Lang'
                - name: since_run
                  in: query
                  required: false
                  description: |
                    The earlier run (its changes are not included); default the finished run before
                    `to_run`. After `to_run` is 400; not a whole number 400; empty the same as absent.
                  schema:
                    anyOf:
                      - type: integer
                        format: int64
                        minimum: 0
                      - const: ''
                - name: to_run
                  in: query
                  required: false
                  description: |
                    The later run; default the latest finished run. After the latest finished run is
                    404; not a whole number 400; empty the same as absent.
                  schema:
                    anyOf:
                      - type: integer
                        format: int64
                        minimum: 0
                      - const: ''
                - name: area
                  in: query
                  required: false
                  description: Only this area (an ONS/GSS code); default every area. An unknown code is 404; empty is the same as absent.
                  schema:
                    anyOf:
                      - type: string
                        pattern: '^[A-Z][0-9]{8}$'
                      - const: ''
                - name: group
                  in: query
                  required: false
                  description: Group by core aim (default) or s25(11) dimension; an indicator under several is listed under each. Any other value is 400.
                  schema:
                    anyOf:
                      - type: string
                        enum: [aim, dimension]
                      - const: ''
              responses:
                '200':
                  description: The changes, by group.
                  headers:
                    X-Outcomesd-Run:
                      $ref: '#/components/headers/LatestRun'
                    Content-Language:
                      $ref: '#/components/headers/ContentLanguage'
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Changes'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/TextTable'
                    text/csv:
                      schema:
                        $ref: '#/components/schemas/CSVTable'
                '400':
                  description: An unknown `format` or `group`, a run id that is not a whole number, or `since_run` after `to_run`.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Error'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/ErrorText'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '404':
                  description: Unknown area, or a `to_run` after the latest finished run.
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
