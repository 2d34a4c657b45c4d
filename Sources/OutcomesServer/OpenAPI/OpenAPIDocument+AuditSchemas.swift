extension OpenAPIDocument {
    /// The rest of `components.schemas`: publications, revisions and what changed between runs.
    static let auditSchemas: String = """
            Publication:
              description: One publication in `GET /v1/publications`; every key is present, null when it does not apply.
              type: object
              additionalProperties: false
              required: [id, indicator, period, through, state, published_by, published_at, note, withdrawn_by, withdrawn_at,
                         withdraw_reason]
              properties:
                id:
                  type: integer
                  format: int64
                indicator:
                  type: [string, 'null']
                  description: Null for every indicator.
                period:
                  type: [string, 'null']
                  description: The one period published; null when `through` is given.
                through:
                  type: [string, 'null']
                  description: Every period ending on or before the end of this one; null when `period` is given.
                state:
                  type: string
                  enum: [published, withdrawn]
                published_by:
                  type: string
                  description: The token's name, or the operating-system user of `outcomesd publish`.
                published_at:
                  type: string
                  format: date-time
                note:
                  type: [string, 'null']
                withdrawn_by:
                  type: [string, 'null']
                withdrawn_at:
                  type: [string, 'null']
                  format: date-time
                withdraw_reason:
                  type: [string, 'null']
            PublicationEntry:
              description: |
                A publication as `POST /v1/publications` and `DELETE /v1/publications/{id}` answer it:
                the keys of `Publication` without `state` (withdrawn when `withdrawn_at` is present); keys with no
                value are absent.
              type: object
              additionalProperties: false
              required: [id, published_by, published_at]
              properties:
                id:
                  type: integer
                  format: int64
                indicator:
                  type: string
                  description: Absent for every indicator.
                period:
                  type: string
                through:
                  type: string
                published_by:
                  type: string
                published_at:
                  type: string
                  format: date-time
                note:
                  type: string
                withdrawn_by:
                  type: string
                withdrawn_at:
                  type: string
                  format: date-time
                withdraw_reason:
                  type: string
            PublicationRequest:
              description: |
                What to publish: `indicator` and one `period` in its form (`2024`, `2024-25`, `2024-Q3`,
                `2024-07`), or `through` a period, for `indicator` or, without it, for every indicator.
                Exactly one of `period` and `through`. Null is the same as absent; other keys are ignored.
              type: object
              properties:
                indicator:
                  type: [string, 'null']
                  description: An indicator id from the catalogue (404 if unknown).
                  examples: [low_birth_weight]
                period:
                  type: [string, 'null']
                  examples: ['2023']
                through:
                  type: [string, 'null']
                  examples: ['2023-24']
                note:
                  type: [string, 'null']
                  description: Kept with the publication.
            Revision:
              description: One revision of one value; every key is present, null when it does not apply.
              type: object
              additionalProperties: false
              required: [indicator, area, breakdown, period, revision, old_value, new_value, old_numerator, new_numerator,
                         old_denominator, new_denominator, feed, source, partner, submitted_by, recorded_at, reason, published]
              properties:
                indicator:
                  type: string
                area:
                  type: string
                breakdown:
                  type: string
                period:
                  type: string
                revision:
                  type: integer
                  minimum: 1
                  description: 1 for a first value (listed with `initial`), then 2, 3, ...
                old_value:
                  type: [number, 'null']
                  description: Null for a first value, or when the value was empty.
                new_value:
                  type: [number, 'null']
                old_numerator:
                  type: [number, 'null']
                new_numerator:
                  type: [number, 'null']
                old_denominator:
                  type: [number, 'null']
                new_denominator:
                  type: [number, 'null']
                feed:
                  type: integer
                  format: int64
                  description: The feed that brought the new value (`GET /v1/feeds/{id}`).
                source:
                  type: string
                  enum: [spool, http, cli]
                partner:
                  type: string
                submitted_by:
                  type: [string, 'null']
                  description: The token's name, the operating-system user, or the spool file's owner; null when not recorded.
                recorded_at:
                  type: string
                  format: date-time
                reason:
                  type: [string, 'null']
                  description: The row's `reason`, else the feed's.
                published:
                  type: boolean
                  description: It revised a published figure (the feed confirmed it).
            Changes:
              description: What changed between two runs, by group.
              type: object
              additionalProperties: false
              required: [since_run, to_run, group_by, count, counts, groups]
              properties:
                since_run:
                  type: integer
                  format: int64
                  description: The earlier run (0 when `to_run` is the first).
                to_run:
                  type: integer
                  format: int64
                area:
                  type: string
                  description: The area asked for; absent for every area.
                group_by:
                  type: string
                  enum: [aim, dimension]
                count:
                  type: integer
                  description: Changes listed (one listed under several groups counts once).
                counts:
                  description: Changes by kind; a kind with none is absent.
                  type: object
                  additionalProperties: false
                  properties:
                    new_period:
                      type: integer
                    revised:
                      type: integer
                    comparison:
                      type: integer
                    trend:
                      type: integer
                    target:
                      type: integer
                    alert_firing:
                      type: integer
                    alert_resolved:
                      type: integer
                groups:
                  type: array
                  items:
                    $ref: '#/components/schemas/ChangeGroup'
            ChangeGroup:
              description: One core aim or dimension (in the catalogue's order; `other` last, for indicators no longer in it).
              type: object
              additionalProperties: false
              required: [key, title, changes]
              properties:
                key:
                  type: string
                  description: The aim's number (`1` to `7`), the dimension's letter (`a` to `i`), or `other`.
                title:
                  type: string
                changes:
                  type: array
                  items:
                    $ref: '#/components/schemas/Change'
            Change:
              description: One change; every key is present, null when it does not apply.
              type: object
              additionalProperties: false
              required: [indicator, title, area, breakdown, change, period, from, to, old_value, new_value, run, feed, published,
                         reason, withheld, summary]
              properties:
                indicator:
                  type: string
                title:
                  type: string
                  description: The indicator's title in the asked language.
                area:
                  type: string
                breakdown:
                  type: string
                change:
                  type: string
                  enum: [new_period, revised, comparison, trend, target, alert_firing, alert_resolved]
                period:
                  type: [string, 'null']
                  description: The period concerned (for `new_period`, the new latest one).
                from:
                  type: [string, 'null']
                  description: |
                    Before: a period (`new_period`) or a category code (`better`, `increasing_and_getting_worse`,
                    `met`, ...); null for `revised` and alerts, for a series that had none, or when withheld.
                to:
                  type: [string, 'null']
                  description: After, as `from`; for an alert, its severity.
                old_value:
                  type: [number, 'null']
                  description: Null when withheld from this caller.
                new_value:
                  type: [number, 'null']
                  description: Null when withheld from this caller.
                run:
                  type: integer
                  format: int64
                  description: The run that made the (last) change.
                feed:
                  type: [integer, 'null']
                  format: int64
                  description: For `revised`, the feed that brought the new value.
                published:
                  type: [boolean, 'null']
                  description: For `revised`, whether it revised a published figure (confirmed).
                reason:
                  type: [string, 'null']
                  description: For `revised`, why (the row's reason, else the feed's).
                withheld:
                  type: boolean
                  description: A value is under the small-number threshold and withheld from this caller.
                summary:
                  type: [string, 'null']
                  description: For an alert, its summary in the asked language.
        """
}
