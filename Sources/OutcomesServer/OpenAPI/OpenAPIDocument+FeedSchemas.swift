extension OpenAPIDocument {
    /// The rest of `components.schemas`: runs, feeds, import reports and the JSON feed body.
    static let feedSchemas: String = """
            Run:
              description: One compute run; every key is present, null when it does not apply.
              type: object
              additionalProperties: false
              required: [id, trigger, full, status, started_at, finished_at, seconds, based_on, observations, measures,
                         recomputed_indicators, catalogue_fingerprint, message]
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
                  type: [string, 'null']
                  format: date-time
                  description: Null until the run has finished.
                seconds:
                  type: [number, 'null']
                  description: Wall time from start to finish; null until finished.
                based_on:
                  type: [integer, 'null']
                  format: int64
                  description: The run whose untouched results an incremental run carried forward.
                observations:
                  type: integer
                measures:
                  type: integer
                recomputed_indicators:
                  type: integer
                catalogue_fingerprint:
                  type: string
                  description: FNV-1a 64 of the catalogue files the run used.
                message:
                  type: [string, 'null']
                  description: Why a run failed; null otherwise.
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
              required: [id, partner, source, format, byte_size, status, received_at, rows, inserted, updated, unchanged, rejected]
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
                format:
                  type: string
                  enum: [csv, json]
                byte_size:
                  type: integer
                  format: int64
                duplicate_of:
                  type: integer
                  format: int64
                  description: For a duplicate, the earlier feed with the same bytes; absent otherwise.
                finished_at:
                  type: string
                  format: date-time
                  description: When the import finished; absent if it never did.
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
              required: [id, partner, source, format, byte_size, status, received_at, rows, inserted, updated, unchanged, rejected,
                         errors]
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
                format:
                  type: string
                  enum: [csv, json]
                byte_size:
                  type: integer
                  format: int64
                duplicate_of:
                  type: integer
                  format: int64
                  description: For a duplicate, the earlier feed with the same bytes; absent otherwise.
                finished_at:
                  type: string
                  format: date-time
                  description: When the import finished; absent if it never did.
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
              description: A stored row error; `line`, `field` and `value` are null when not recorded (a file-level error).
              type: object
              additionalProperties: false
              required: [line, field, code, message, value]
              properties:
                line:
                  type: [integer, 'null']
                field:
                  type: [string, 'null']
                code:
                  type: string
                message:
                  type: string
                value:
                  type: [string, 'null']
            ImportReport:
              description: What happened to one feed. Every key is present; null when not applicable.
              type: object
              additionalProperties: false
              required: [feed_id, status, duplicate_of, partner, file_name, sha256, rows, inserted, updated,
                         unchanged, rejected, file_error, errors, published_changes]
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
                published_changes:
                  description: |
                    Rows that change published values: refused (each also a `period_published` row
                    error) or, when the feed confirmed them, applied as confirmed revisions. A dry run
                    lists them too.
                  type: array
                  items:
                    $ref: '#/components/schemas/PublishedChange'
            PublishedChange:
              description: A row that would change a published value; `old_value` or `new_value` is absent when empty.
              type: object
              additionalProperties: false
              required: [line, indicator, area, breakdown, period, publication, confirmed]
              properties:
                line:
                  type: integer
                  description: The row's line (CSV) or observation index (JSON).
                indicator:
                  type: string
                area:
                  type: string
                breakdown:
                  type: string
                period:
                  type: string
                old_value:
                  type: number
                  description: The value as published.
                new_value:
                  type: number
                  description: The value as sent.
                publication:
                  type: integer
                  format: int64
                  description: The publication that covers it (`GET /v1/publications`).
                confirmed:
                  type: boolean
                  description: True when the feed confirmed the revision (applied); false when the row was refused.
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
              description: |
                One observation, validated like a CSV row: `indicator`, `area` and `period` are needed
                and each value must suit its field, but a missing or unsuitable value is a row error in
                the import report (`missing_field`, `unknown_indicator`, `not_a_number`, ...), not a
                refusal of the request. Each field is a string, a number or null (null is an empty
                cell; a boolean is read as `true`/`false`); an array or object, or an unknown field,
                refuses the feed (422).
              type: object
              properties:
                indicator:
                  type: [string, number, boolean, 'null']
                  description: An indicator id from the catalogue.
                area:
                  type: [string, number, boolean, 'null']
                  description: An ONS/GSS area code.
                period:
                  type: [string, number, boolean, 'null']
                  description: A period in the indicator's form (`2024`, `2024-25`, `2024/25`, `2024-Q3`, `2024-07`).
                breakdown:
                  type: [string, number, boolean, 'null']
                numerator:
                  type: [number, string, boolean, 'null']
                denominator:
                  type: [number, string, boolean, 'null']
                value:
                  type: [number, string, boolean, 'null']
                lower:
                  type: [number, string, boolean, 'null']
                upper:
                  type: [number, string, boolean, 'null']
                note:
                  type: [string, number, boolean, 'null']
                reason:
                  type: [string, number, boolean, 'null']
                  description: Why the value is revised (kept with the revision; optional).
        """
}
