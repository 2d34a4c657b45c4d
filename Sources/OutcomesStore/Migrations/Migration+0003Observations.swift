extension Migration {
    /// Observations: the current value of each (indicator, area, breakdown, period), and every
    /// revision ever set with the feed that set it and when — so any series can be read as of a
    /// past time. Keys lead with `indicator_id`, the distribution column should the table ever move
    /// to Citus.
    static let m0003Observations = Migration(version: 3, name: "observations", statements: [
        """
        CREATE TABLE observation (
            indicator_id integer NOT NULL REFERENCES indicator,
            area_id integer NOT NULL REFERENCES area,
            breakdown_id smallint NOT NULL REFERENCES breakdown,
            period text NOT NULL,
            period_start date NOT NULL,
            numerator double precision,
            denominator double precision,
            value double precision,
            lower double precision,
            upper double precision,
            notes text NOT NULL DEFAULT '',
            revision integer NOT NULL,
            feed_id bigint NOT NULL REFERENCES feed,
            recorded_at timestamptz NOT NULL,
            PRIMARY KEY (indicator_id, area_id, breakdown_id, period)
        )
        """,
        """
        CREATE TABLE observation_revision (
            indicator_id integer NOT NULL,
            area_id integer NOT NULL,
            breakdown_id smallint NOT NULL,
            period text NOT NULL,
            revision integer NOT NULL,
            period_start date NOT NULL,
            numerator double precision,
            denominator double precision,
            value double precision,
            lower double precision,
            upper double precision,
            notes text NOT NULL DEFAULT '',
            feed_id bigint NOT NULL REFERENCES feed,
            recorded_at timestamptz NOT NULL,
            PRIMARY KEY (indicator_id, area_id, breakdown_id, period, revision)
        )
        """,
        "CREATE INDEX observation_revision_feed ON observation_revision (feed_id)",
        "CREATE INDEX observation_series ON observation (indicator_id, breakdown_id, area_id, period_start)",
    ])
}
