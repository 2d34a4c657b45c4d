extension OpenAPIDocument {
    /// The rest of `paths:`: alerts and their transitions.
    static let alertPaths: String = """
          /v1/alerts:
            get:
              tags: [alerts]
              operationId: listAlerts
              summary: Alerts and their current state
              description: |
                One row per alert (one rule on one series, or one indicator's late feed): firing
                first, then pending, then resolved; by severity, then most recent. JSON, text or CSV.
                `value` is null when it is under the small-number threshold (`withheld`) and the
                caller is not an admin or the supplying partner; the summaries never contain it.
              security:
                - bearerAuth: []
                - {}
              x-outcomesd-roles: [reader, partner, admin]
              x-outcomesd-anonymous-read: true
              parameters:
                - $ref: '#/components/parameters/Format'
                - $ref: '#/components/parameters/Lang'
                - name: state
                  in: query
                  required: false
                  description: |
                    Only alerts in this state; `all` includes inactive ones. Default: pending,
                    firing and resolved. Any other value is 400.
                  schema:
                    type: string
                    enum: [pending, firing, resolved, inactive, all]
                - $ref: '#/components/parameters/AlertArea'
                - $ref: '#/components/parameters/AlertIndicator'
                - $ref: '#/components/parameters/AlertAim'
                - $ref: '#/components/parameters/AlertDimension'
                - $ref: '#/components/parameters/AlertSeverity'
              responses:
                '200':
                  description: Alerts, firing first.
                  headers:
                    X-Outcomesd-Run:
                      $ref: '#/components/headers/LatestRun'
                  content:
                    application/json:
                      schema:
                        type: array
                        maxItems: 1000
                        items:
                          $ref: '#/components/schemas/Alert'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/TextTable'
                    text/csv:
                      schema:
                        $ref: '#/components/schemas/CSVTable'
                '400':
                  $ref: '#/components/responses/BadAlertFilter'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '404':
                  $ref: '#/components/responses/NotFound'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
          /v1/alerts/events:
            get:
              tags: [alerts]
              operationId: listAlertEvents
              summary: Every change of state of the alerts, newest first
              description: |
                One row per transition (`from` → `to`; `from` is null for an alert's first), with
                the run that caused it. JSON, text or CSV. `value` is withheld as in `/v1/alerts`.
              security:
                - bearerAuth: []
                - {}
              x-outcomesd-roles: [reader, partner, admin]
              x-outcomesd-anonymous-read: true
              parameters:
                - $ref: '#/components/parameters/Format'
                - $ref: '#/components/parameters/Lang'
                - name: since
                  in: query
                  required: false
                  description: |
                    Only changes at or after this time: an ISO 8601 (RFC 3339) date (from the start of
                    that day, UTC) or date-time. A malformed value is 400; empty is the same as absent.
                  schema:
                    anyOf:
                      - type: string
                        format: date
                      - type: string
                        format: date-time
                      - const: ''
                    examples: ['2026-11-01', '2026-11-01T09:00:00Z']
                - name: state
                  in: query
                  required: false
                  description: Only changes into this state; default (and `all`) every change. Any other value is 400.
                  schema:
                    type: string
                    enum: [pending, firing, resolved, inactive, all]
                - $ref: '#/components/parameters/AlertArea'
                - $ref: '#/components/parameters/AlertIndicator'
                - $ref: '#/components/parameters/AlertAim'
                - $ref: '#/components/parameters/AlertDimension'
                - $ref: '#/components/parameters/AlertSeverity'
              responses:
                '200':
                  description: Changes, newest first.
                  headers:
                    X-Outcomesd-Run:
                      $ref: '#/components/headers/LatestRun'
                  content:
                    application/json:
                      schema:
                        type: array
                        maxItems: 1000
                        items:
                          $ref: '#/components/schemas/AlertEvent'
                    text/plain:
                      schema:
                        $ref: '#/components/schemas/TextTable'
                    text/csv:
                      schema:
                        $ref: '#/components/schemas/CSVTable'
                '400':
                  $ref: '#/components/responses/BadAlertFilter'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '404':
                  $ref: '#/components/responses/NotFound'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
        """
}
