import Foundation

/// Reads the ISO date text ("YYYY-MM-DD") that the Rust library sends into the
/// `DateComponents` that the bindings use for calendar dates. Rust only ever sends valid
/// dates; anything else comes back as empty components.
func asistentDateComponents(_ text: String) -> DateComponents {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3 else { return DateComponents() }
    return DateComponents(year: parts[0], month: parts[1], day: parts[2])
}
