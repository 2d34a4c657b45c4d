extension RandomAccessCollection {
    /// The first index whose element satisfies `isAfter`, or `endIndex` when none does, by binary
    /// search. Contract: the collection is partitioned by `isAfter` (every element failing it comes
    /// before every element satisfying it), as a sorted collection is by "greater than a key".
    func partitionPoint(_ isAfter: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if isAfter(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }

    /// The ranges of consecutive elements that `sameRun` pairs with the first element of their run,
    /// in order; they cover the collection. Used on sorted keys to walk groups without hashing.
    func runs(_ sameRun: (Element, Element) -> Bool) -> [Range<Index>] {
        var result: [Range<Index>] = []
        var start = startIndex
        while start != endIndex {
            var end = index(after: start)
            while end != endIndex, sameRun(self[start], self[end]) { formIndex(after: &end) }
            result.append(start..<end)
            start = end
        }
        return result
    }
}
