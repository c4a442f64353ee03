/// Text as messages show it: invisible and control characters escaped, so
/// that 'all\u{200B}' does not print as 'all'.
public enum Escaped {
    public static func text(_ s: String, keepingNewlines: Bool = false) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if keepingNewlines && scalar == "\n" { out.unicodeScalars.append(scalar); continue }
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned, .surrogate,
                 .spaceSeparator where scalar != " ":
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
