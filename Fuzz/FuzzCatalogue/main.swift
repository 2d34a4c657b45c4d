import FuzzTargets

// libFuzzer target for FuzzTargets.catalogue (see Fuzz/FuzzTargets and scripts/fuzz).
FuzzTargets.main("FuzzCatalogue", FuzzTargets.catalogue) { start, count in
    FuzzTargets.catalogue(FuzzTargets.bytes(start, count))
    return 0
}
