/// Text as messages show it: invisible and control characters escaped, so
/// that 'all\u{200B}' does not print as 'all'.
public enum Escaped {
    public static func text(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
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
