import Foundation

/// Reads the ISO date text ("YYYY-MM-DD", with a sign for years outside 0…9999, as
/// Rust's `NaiveDate` writes it) that the Rust library sends into the `DateComponents`
/// that the bindings use for calendar dates. Rust only ever sends valid dates; anything
/// else comes back as empty components.
func asistentDateComponents(_ text: String) -> DateComponents {
    var body = Substring(text)
    var sign = 1
    if let first = body.first, first == "-" || first == "+" {
        sign = first == "-" ? -1 : 1
        body = body.dropFirst()
    }
    let parts = body.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
    guard parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2] else {
        return DateComponents()
    }
    return DateComponents(year: sign * year, month: month, day: day)
}
