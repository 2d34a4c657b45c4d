extension Migration {
    /// A run's map (`run_result`, one row per indicator) and its firing set (`run_alert_firing`)
    /// are written whole by every run, incremental ones included, so their rows must cost what a
    /// plain indexed insert costs. Their foreign keys made each row a trigger and a `FOR KEY
    /// SHARE` look-up, which locks (so rewrites) the referenced `result_set` row: carrying 5,327
    /// indicators over took 234 ms with the keys and 29 ms without (psql on a loaded machine;
    /// 72 of an incremental run's 192 ms at 10,000,000 observations). They go; what they guarded
    /// holds by construction: runs are never deleted (pruning marks them), a run's map names only
    /// result sets it wrote or its predecessor's map named, in the run's transaction
    /// (``ResultWriter``), and a result set is deleted only once no map names it. The schema test
    /// checks these invariants on a pruned database instead.
    static let m0014RunMapsUnchecked = Migration(version: 14, name: "run maps without per-row foreign keys", statements: [
        "ALTER TABLE run_result DROP CONSTRAINT run_result_run_id_fkey, DROP CONSTRAINT run_result_result_set_id_fkey",
        "ALTER TABLE run_alert_firing DROP CONSTRAINT run_alert_firing_run_id_fkey",
    ])
}
