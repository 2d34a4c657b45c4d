import FuzzTargets

// libFuzzer target for FuzzTargets.period (see Fuzz/FuzzTargets and scripts/fuzz).
FuzzTargets.main("FuzzPeriod", FuzzTargets.period) { start, count in
    FuzzTargets.period(FuzzTargets.bytes(start, count))
    return 0
}
