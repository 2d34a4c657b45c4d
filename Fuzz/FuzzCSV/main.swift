import FuzzTargets

// libFuzzer target for FuzzTargets.csv (see Fuzz/FuzzTargets and scripts/fuzz).
FuzzTargets.main("FuzzCSV", FuzzTargets.csv) { start, count in
    FuzzTargets.csv(FuzzTargets.bytes(start, count))
    return 0
}
