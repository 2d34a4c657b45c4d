extension RowError {
    /// JSON rows are encoded with `index` instead of `line`, so a reply reads the way the partner
    /// counts: by observation in the array.
    private enum CodingKeys: String, CodingKey {
        case line, index, column, field, code, message, value
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let index = try c.decodeIfPresent(Int.self, forKey: .index) {
            line = index
            place = .observation
        } else {
            line = try c.decode(Int.self, forKey: .line)
            place = .line
        }
        column = try c.decodeIfPresent(Int.self, forKey: .column)
        field = try c.decode(String.self, forKey: .field)
        code = try c.decode(Code.self, forKey: .code)
        message = try c.decode(String.self, forKey: .message)
        value = try c.decode(String.self, forKey: .value)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch place {
        case .line: try c.encode(line, forKey: .line)
        case .observation: try c.encode(line, forKey: .index)
        }
        try c.encodeIfPresent(column, forKey: .column)
        try c.encode(field, forKey: .field)
        try c.encode(code, forKey: .code)
        try c.encode(message, forKey: .message)
        try c.encode(value, forKey: .value)
    }
}
