extension OpenAPIDocument {
    /// The rest of `components.schemas`: alerts and their changes.
    static let alertSchemas: String = """
            Alert:
              description: One alert's current state; every key is present, null when it does not apply.
              type: object
              additionalProperties: false
              required: [fingerprint, rule, kind, indicator, area, breakdown, partner, state, severity, since, since_period, period,
                         value, withheld, inhibited, summary, summary_en, summary_cy, updated_run, last_notified_at]
              properties:
                fingerprint:
                  type: string
                  description: Stable across runs and restarts (FNV-1a 64 of rule, indicator, area and breakdown, hex).
                rule:
                  type: string
                kind:
                  $ref: '#/components/schemas/AlertKind'
                indicator:
                  type: string
                area:
                  type: string
                breakdown:
                  type: string
                partner:
                  type: string
                  description: The partner that supplies the indicator.
                state:
                  type: string
                  enum: [inactive, pending, firing, resolved]
                severity:
                  $ref: '#/components/schemas/AlertSeverity'
                since:
                  type: string
                  format: date-time
                  description: When the current state began.
                since_period:
                  type: [string, 'null']
                  description: The reporting period in which the current state began.
                period:
                  type: [string, 'null']
                  description: The latest period judged (for a late feed, the period due).
                value:
                  type: [number, 'null']
                  description: The value in `period`; null for a late feed, or when withheld from this caller.
                withheld:
                  type: boolean
                  description: The value is under the small-number threshold.
                inhibited:
                  type: boolean
                  description: The indicator's feed is late; the alert neither fires nor resolves until it arrives.
                summary:
                  type: string
                  description: In the asked language (`summary_cy` when Welsh); never contains a withheld value.
                summary_en:
                  type: string
                summary_cy:
                  type: string
                updated_run:
                  type: [integer, 'null']
                  format: int64
                  description: The run that last evaluated the alert.
                last_notified_at:
                  type: [string, 'null']
                  format: date-time
            AlertEvent:
              description: One change of an alert's state; every key is present, null when it does not apply.
              type: object
              additionalProperties: false
              required: [id, at, run, fingerprint, rule, kind, indicator, area, breakdown, severity, from, to, period, value, withheld,
                         summary, summary_en, summary_cy]
              properties:
                id:
                  type: integer
                  format: int64
                at:
                  type: string
                  format: date-time
                run:
                  type: [integer, 'null']
                  format: int64
                  description: The run whose evaluation made the change.
                fingerprint:
                  type: string
                rule:
                  type: string
                kind:
                  $ref: '#/components/schemas/AlertKind'
                indicator:
                  type: string
                area:
                  type: string
                breakdown:
                  type: string
                severity:
                  $ref: '#/components/schemas/AlertSeverity'
                from:
                  type: [string, 'null']
                  enum: [inactive, pending, firing, resolved, null]
                  description: Null for an alert's first change.
                to:
                  type: string
                  enum: [inactive, pending, firing, resolved]
                period:
                  type: [string, 'null']
                value:
                  type: [number, 'null']
                  description: Null for a late feed, or when withheld from this caller.
                withheld:
                  type: boolean
                summary:
                  type: string
                  description: In the asked language (`summary_cy` when Welsh); never contains a withheld value.
                summary_en:
                  type: string
                summary_cy:
                  type: string
            AlertKind:
              type: string
              enum: [threshold, change, benchmark, trend, red_red, target, gap, late_feed]
            AlertSeverity:
              type: string
              enum: [info, warning, critical]
        """
}
