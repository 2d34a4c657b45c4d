import FuzzTargets

// libFuzzer target for FuzzTargets.alertRules (see Fuzz/FuzzTargets and scripts/fuzz).
FuzzTargets.main("FuzzAlertRules", FuzzTargets.alertRules) { start, count in
    FuzzTargets.alertRules(FuzzTargets.bytes(start, count))
    return 0
}
