/// Encodes every stored property under its own name, nil as `null`: the API's JSON promises every
/// key (synthesised `Encodable` leaves nil ones out), and a type adopting this needs no
/// hand-written `encode(to:)` to keep that promise. Names in `unencoded` are left out (rendering
/// state such as the language). Property names are the JSON keys, so adopters use snake_case.
public protocol EveryKeyEncodable: Encodable {
    static var unencoded: Set<String> { get }
}

extension EveryKeyEncodable {
    public static var unencoded: Set<String> { [] }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NameKey.self)
        for child in Mirror(reflecting: self).children {
            guard let label = child.label, !Self.unencoded.contains(label), let value = child.value as? any Encodable else { continue }
            try container.encode(value, forKey: NameKey(stringValue: label))
        }
    }
}

struct NameKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
