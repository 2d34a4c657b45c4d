/// libpq's password file (`~/.pgpass`): lines of `hostname:port:database:username:password`,
/// `*` matching anything, `\:` and `\\` escaping, `#` comments; the first matching line wins.
public enum PasswordFile {
    public static func password(for target: DatabaseTarget, in text: String) -> String? {
        let host = target.isUnixSocket ? "localhost" : target.host
        for raw in text.split(whereSeparator: \.isNewline) where !raw.hasPrefix("#") {
            let fields = split(raw)
            guard fields.count == 5 else { continue }
            func matches(_ field: String, _ value: String) -> Bool { field == "*" || field == value }
            if matches(fields[0], host), matches(fields[1], String(target.port)),
               matches(fields[2], target.database), matches(fields[3], target.user) {
                return fields[4]
            }
        }
        return nil
    }

    static func split(_ line: Substring) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for ch in line {
            if escaped { current.append(ch); escaped = false } else if ch == "\\" { escaped = true } else if ch == ":" && fields.count < 4 {
                fields.append(current); current = ""
            } else { current.append(ch) }
        }
        fields.append(current)
        return fields
    }
}
