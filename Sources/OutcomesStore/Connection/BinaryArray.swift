import NIOCore

/// A one-dimensional array cell in PostgreSQL's binary format (`array_send`: dimensions, a flags
/// word, the element type's OID, then per dimension its length and lower bound, then each
/// element as a length, −1 for NULL, and its bytes), read element by element straight from the
/// cell's bytes. The counterpart of ``BinaryCopyRow/array(_:_:_:)``.
///
/// Why: a run reads every observation, and PostgresNIO's cost per row (a DataRow message decoded,
/// a row and its cells iterated) was most of the daemon's reading time, about 2.2 µs a row at 1M.
/// Read as arrays, one row per series, the same values cost a few loads each.
///
/// ```swift
/// var values = try BinaryArray(cells.nextBytes(), of: .float8, column: "value")
/// while let v = try values.nextFloat8() { … }   // Double? per element
/// ```
struct BinaryArray {
    struct Malformed: Error, CustomStringConvertible {
        var column: String
        var reason: String
        var description: String { "the array in column \(column) is not as expected: \(reason)" }
    }

    /// Elements in the array (0 for an empty array or NULL).
    let count: Int
    private var buffer: ByteBuffer
    private var remaining: Int
    private let column: String

    init(_ cell: ByteBuffer?, of type: BinaryCopyRow.ArrayElement, column: String) throws {
        self.column = column
        guard var buffer = cell else {
            (count, remaining, self.buffer) = (0, 0, ByteBuffer())
            return
        }
        guard let dimensions = buffer.readInteger(as: Int32.self), buffer.readInteger(as: Int32.self) != nil,
              let element = buffer.readInteger(as: Int32.self) else { throw Malformed(column: column, reason: "its header is cut short") }
        guard element == type.rawValue else { throw Malformed(column: column, reason: "elements of type \(element), not \(type.rawValue)") }
        switch dimensions {
        case 0:
            count = 0
        case 1:
            guard let length = buffer.readInteger(as: Int32.self), length >= 0, buffer.readInteger(as: Int32.self) != nil else {
                throw Malformed(column: column, reason: "its dimension is cut short")
            }
            count = Int(length)
        default:
            throw Malformed(column: column, reason: "\(dimensions) dimensions, not one")
        }
        remaining = count
        self.buffer = buffer
    }

    /// The next element's bytes: nil at the end, `.some(nil)` for NULL.
    private mutating func nextElement() throws -> ByteBuffer?? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        guard let length = buffer.readInteger(as: Int32.self) else { throw Malformed(column: column, reason: "an element is cut short") }
        if length < 0 { return .some(nil) }
        guard let bytes = buffer.readSlice(length: Int(length)) else { throw Malformed(column: column, reason: "an element is cut short") }
        return .some(bytes)
    }

    /// The next `double precision` element (nil for NULL); throws at the end.
    mutating func nextFloat8() throws -> Double? {
        guard let element = try nextElement() else { throw Malformed(column: column, reason: "fewer elements than its row's other arrays") }
        guard var bytes = element else { return nil }
        guard bytes.readableBytes == 8, let bits = bytes.readInteger(as: UInt64.self) else {
            throw Malformed(column: column, reason: "a double precision element of \(bytes.readableBytes) bytes")
        }
        return Double(bitPattern: bits)
    }

    /// The next `text` element (nil for NULL); throws at the end.
    mutating func nextText() throws -> String? {
        guard let element = try nextElement() else { throw Malformed(column: column, reason: "fewer elements than its row's other arrays") }
        guard var bytes = element else { return nil }
        return bytes.readString(length: bytes.readableBytes)
    }
}
