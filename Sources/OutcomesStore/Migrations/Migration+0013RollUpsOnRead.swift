extension Migration {
    /// A run's roll-ups are derived when read, from the roll-up inputs its result sets keep
    /// (`result_latest`, one row per series) and the alerts firing after it, instead of being
    /// written as one document per area by every run: an incremental run no longer rebuilds and
    /// rewrites every area's summary because one indicator changed. What a stored summary held
    /// beyond those inputs is the alerts firing; it is carried over into `run_alert_firing`.
    static let m0013RollUpsOnRead = Migration(version: 13, name: "roll-ups derived on read", statements: [
        """
        CREATE TABLE run_alert_firing (
            run_id bigint NOT NULL REFERENCES run ON DELETE CASCADE,
            area_id integer NOT NULL,
            indicator_id integer NOT NULL,
            PRIMARY KEY (run_id, area_id, indicator_id)
        )
        """,
        """
        INSERT INTO run_alert_firing (run_id, area_id, indicator_id)
        SELECT DISTINCT s.run_id, s.area_id, i.id
        FROM area_summary s
        CROSS JOIN LATERAL jsonb_array_elements(coalesce(s.summary::jsonb -> 'aims', '[]'::jsonb)
                                                || coalesce(s.summary::jsonb -> 'dimensions', '[]'::jsonb)) AS g(grp)
        CROSS JOIN LATERAL jsonb_array_elements_text(coalesce(g.grp -> 'alerts_firing', '[]'::jsonb)) AS f(indicator)
        JOIN indicator i ON i.key = f.indicator
        """,
        "DROP TABLE area_summary",
    ])
}
