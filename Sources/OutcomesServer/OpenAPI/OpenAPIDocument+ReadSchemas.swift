extension OpenAPIDocument {
    /// `components.schemas` for errors, health, summaries, measures and the catalogue tables.
    static let readSchemas: String = """
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
                  description: ready; degraded (the database is unreachable, cached results are still served).
                  type: string
                  enum: [ready, degraded]
                database:
                  type: string
                  enum: [reachable, unreachable]
                reason:
                  description: Why the database is unreachable, as the driver or server said it.
                  type: string
                since:
                  description: When the outage began (ISO 8601).
                  type: string
                  format: date-time
                serving:
                  description: What is served meanwhile.
                  type: string
            IndicatorIds:
              description: Indicator ids.
              type: array
              items:
                type: string
            AreaSummary:
              description: How children in one area are doing under each core aim and each dimension.
              type: object
              additionalProperties: false
              required: [area, area_name, aims, dimensions, lang]
              properties:
                lang:
                  type: string
                  enum: [en, cy]
                  description: The language of `area_name` and the groups' `title` (Welsh where the catalogue has it).
                area:
                  type: string
                  description: ONS/GSS code.
                  pattern: '^[A-Z][0-9]{8}$'
                area_name:
                  type: string
                  description: The name in the asked language.
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
                         changing, trend_not_assessed, red_red, targets_met, targets_missed, significant_gaps,
                         board_better, board_similar, board_worse, small, small_gaps, withheld, alerts_firing]
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
                alerts_firing:
                  description: Indicators with an alert firing in this area after the run (any rule; Wales also late feeds).
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
                board_better:
                  description: A local authority significantly better than its Local Health Board (empty for Wales and boards).
                  $ref: '#/components/schemas/IndicatorIds'
                board_similar:
                  $ref: '#/components/schemas/IndicatorIds'
                board_worse:
                  $ref: '#/components/schemas/IndicatorIds'
                small:
                  description: Indicators whose latest `all` point is under the small-number threshold.
                  $ref: '#/components/schemas/IndicatorIds'
                small_gaps:
                  type: array
                  description: Significant gaps (`indicator/breakdown`) whose breakdown point is under the threshold.
                  items:
                    type: string
                withheld:
                  description: |
                    For a reader who may not see small numbers: the indicators in `small` taken out of
                    every comparison, trend, target and board list (their gaps too). Empty for admins
                    and for the supplying partner's own indicators.
                  $ref: '#/components/schemas/IndicatorIds'
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
              required: [code, name, name_en, name_cy, kind, parent, valid_from, valid_to]
              properties:
                code:
                  type: string
                  pattern: '^[A-Z][0-9]{8}$'
                name:
                  type: string
                  description: In the asked language (Welsh where the catalogue has it).
                name_en:
                  type: string
                name_cy:
                  type: [string, 'null']
                kind:
                  type: string
                  enum: [country, health_board, local_authority]
                parent:
                  type: [string, 'null']
                  description: The containing area's code today; null for Wales.
                valid_from:
                  type: [string, 'null']
                  format: date
                valid_to:
                  type: [string, 'null']
                  format: date
            AimRow:
              type: object
              additionalProperties: false
              required: [aim, title, title_en, title_cy, indicators]
              properties:
                aim:
                  type: integer
                  minimum: 1
                  maximum: 7
                title:
                  type: string
                  description: In the asked language.
                title_en:
                  type: string
                title_cy:
                  type: [string, 'null']
                indicators:
                  type: integer
                  description: How many indicators are under the aim.
            DimensionRow:
              type: object
              additionalProperties: false
              required: [dimension, title, title_en, title_cy, indicators]
              properties:
                dimension:
                  type: string
                  pattern: '^[a-i]$'
                title:
                  type: string
                  description: In the asked language.
                title_en:
                  type: string
                title_cy:
                  type: [string, 'null']
                indicators:
                  type: integer
            IndicatorRow:
              type: object
              additionalProperties: false
              required: [id, title, title_en, title_cy, type, unit, polarity, aims, dimensions, partner, period_type, breakdowns]
              properties:
                id:
                  type: string
                title:
                  type: string
                  description: In the asked language.
                title_en:
                  type: string
                title_cy:
                  type: [string, 'null']
                type:
                  type: string
                  enum: [proportion, rate, count, mean, value_with_ci]
                unit:
                  type: string
                polarity:
                  type: string
                  enum: [high_is_good, low_is_good, no_judgement]
                aims:
                  type: array
                  minItems: 1
                  items:
                    type: integer
                    minimum: 1
                    maximum: 7
                dimensions:
                  type: array
                  items:
                    type: string
                    pattern: '^[a-i]$'
                partner:
                  type: string
                  description: The key of the partner that supplies it.
                period_type:
                  type: string
                  enum: [calendar, financial, academic, quarter, month]
                breakdowns:
                  type: array
                  description: Breakdown keys, always including `all`.
                  items:
                    type: string
            DepthRow:
              description: |
                One indicator under the aim or dimension, for the area: its latest `all` point, the
                `all` series (oldest first) and every breakdown's latest point with its gap. Values
                withheld by small-number suppression are null (`notes` then contains `c`). An
                indicator without data has a null period and empty `series` and `gaps`.
              type: object
              additionalProperties: false
              required: [indicator, title, unit, polarity, period, value, lower95, upper95, vs_wales, trend, stale, notes,
                         series, gaps]
              properties:
                indicator:
                  type: string
                title:
                  type: string
                  description: In the asked language.
                unit:
                  type: string
                polarity:
                  type: string
                  enum: [high_is_good, low_is_good, no_judgement]
                period:
                  type: [string, 'null']
                value:
                  type: [number, 'null']
                lower95:
                  type: [number, 'null']
                upper95:
                  type: [number, 'null']
                vs_wales:
                  type: [string, 'null']
                  enum: [best, better, similar, worse, worst, higher, lower, higher_99_8, lower_99_8, null]
                  description: Null when not compared.
                trend:
                  type: [string, 'null']
                  enum: [increasing_and_getting_better, increasing_and_getting_worse,
                         decreasing_and_getting_better, decreasing_and_getting_worse, increasing, decreasing,
                         no_significant_change, cannot_be_calculated, null]
                stale:
                  type: [boolean, 'null']
                notes:
                  type: string
                  pattern: '^[bceprtuxz]*$'
                series:
                  type: array
                  items:
                    type: object
                    additionalProperties: false
                    required: [period, value]
                    properties:
                      period:
                        type: string
                      value:
                        type: [number, 'null']
                gaps:
                  type: array
                  description: Each other breakdown's latest point; gap = that group minus all children.
                  items:
                    type: object
                    additionalProperties: false
                    required: [breakdown, name, period, value, gap, significant]
                    properties:
                      breakdown:
                        type: string
                      name:
                        type: string
                        description: The breakdown's name in the asked language.
                      period:
                        type: string
                      value:
                        type: [number, 'null']
                      gap:
                        type: [number, 'null']
                      significant:
                        type: [boolean, 'null']
        """
}
