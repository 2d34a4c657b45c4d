/// The document's own economy: what repeats is one shared component, and every component is used.
extension SpecChecker {
    /// An inline object of the document's paths, where it stands and what it is without its
    /// `description` (a `$ref` may carry its own description, so wording alone never makes two
    /// objects different).
    struct InlineObject {
        var kind: String
        var operation: String
        var place: String
        var value: JSONValue
    }

    /// The inline (not `$ref`) parameters, responses and response headers of every operation.
    func inlineObjects() -> [InlineObject] {
        var objects: [InlineObject] = []
        for op in operations() {
            let name = "\(op.method.uppercased()) \(op.path)"
            for parameter in op.operation["parameters"]?.arrayValue ?? [] where parameter["$ref"] == nil {
                objects.append(.init(kind: "parameters", operation: name, place: parameter["name"]?.stringValue ?? "?",
                                     value: Self.withoutDescription(parameter)))
            }
            for (status, response) in (op.operation["responses"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key })
            where response["$ref"] == nil {
                objects.append(.init(kind: "responses", operation: name, place: status, value: Self.withoutDescription(response)))
                for (header, value) in (response["headers"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) where value["$ref"] == nil {
                    // A header is named by its map key: the same name and schema is the same header.
                    objects.append(.init(kind: "headers", operation: name, place: "\(status) \(header)",
                                         value: .object(["name": .string(header.lowercased()), "header": Self.withoutDescription(value)])))
                }
            }
        }
        return objects
    }

    /// Inline objects that should be a `$ref`: the same parameter (name, place, schema) or response
    /// (headers, content) inline in two operations, or inline where a component of its kind says the
    /// same. Responses of one operation may share a shape (`/readyz` answers 200 and 503 alike).
    func repetitions() -> [String] {
        let objects = inlineObjects()
        var problems: [String] = []
        for (i, a) in objects.enumerated() {
            for b in objects[(i + 1)...] where a.kind == b.kind && a.operation != b.operation && a.value == b.value {
                problems.append("\(a.kind): \(a.operation) \(a.place) and \(b.operation) \(b.place) are the same; make it one component")
            }
            guard a.kind != "headers" else { continue }
            for (name, component) in spec["components"]?[a.kind]?.objectValue ?? [:]
            where component["$ref"] == nil && Self.withoutDescription(component) == a.value {
                problems.append("\(a.kind): \(a.operation) \(a.place) is #/components/\(a.kind)/\(name) written out; use the $ref")
            }
        }
        return problems
    }

    /// Components no `$ref` names (a reference into one, `#/components/schemas/X/properties/y`,
    /// uses it), and security schemes no operation's `security` names, as `#/components/...`.
    func unusedComponents() -> [String] {
        var references: Set<String> = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let o):
                if let ref = o["$ref"]?.stringValue { references.insert(ref) }
                o.values.forEach(collect)
            case .array(let a):
                a.forEach(collect)
            default: break
            }
        }
        collect(spec)
        var unused: [String] = []
        for (kind, members) in spec["components"]?.objectValue ?? [:] where kind != "securitySchemes" {
            for name in (members.objectValue ?? [:]).keys {
                let pointer = "#/components/\(kind)/\(name)"
                if !references.contains(where: { $0 == pointer || $0.hasPrefix(pointer + "/") }) { unused.append(pointer) }
            }
        }
        let schemes = Set(operations().flatMap { ($0.operation["security"]?.arrayValue ?? []).flatMap { ($0.objectValue ?? [:]).keys } })
        for name in (spec["components"]?["securitySchemes"]?.objectValue ?? [:]).keys where !schemes.contains(name) {
            unused.append("#/components/securitySchemes/\(name)")
        }
        return unused.sorted()
    }

    static func withoutDescription(_ value: JSONValue) -> JSONValue {
        guard var object = value.objectValue else { return value }
        object["description"] = nil
        return .object(object)
    }
}
