// SwiftPM needs one source file in a C target; the FFI itself is the Rust library.
