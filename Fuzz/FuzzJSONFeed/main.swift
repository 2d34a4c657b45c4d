import FuzzTargets

// libFuzzer target for FuzzTargets.jsonFeed (see Fuzz/FuzzTargets and scripts/fuzz).
FuzzTargets.main("FuzzJSONFeed", FuzzTargets.jsonFeed) { start, count in
    FuzzTargets.jsonFeed(FuzzTargets.bytes(start, count))
    return 0
}
