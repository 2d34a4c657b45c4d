public import OutcomesCore

/// Decodes the categories stored as `smallint` codes (StoredCodes.swift in OutcomesCore) into the
/// core's types, once, where they are read; a number no category stands for is an error that names
/// the column and the number (a row written by a newer build, or by hand), not a crash.
///
/// ```swift
/// let vsWales = try StoredCategory.comparison(row.3, column: "measure.vs_wales")
/// ```
public enum StoredCategory {
    public struct UnknownCode: Error, CustomStringConvertible {
        public var column: String
        public var code: Int16
        public var description: String {
            "\(column) holds \(code), which no category stands for (written by a newer outcomesd, or by hand?)"
        }
    }

    public static func comparison(_ code: Int16, column: String) throws -> ComparisonLevels {
        guard let category = ComparisonLevels(code: code) else { throw UnknownCode(column: column, code: code) }
        return category
    }

    public static func trend(_ code: Int16, column: String) throws -> TrendLabel {
        guard let label = TrendLabel(code: code) else { throw UnknownCode(column: column, code: code) }
        return label
    }
}
