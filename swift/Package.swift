// swift-tools-version:5.9
// The Swift face of asistent. Build the Rust library first (see README: "iOS and macOS"),
// e.g. `cargo build -p asistent-ffi --release`, then `swift test` links it from
// ../target/release.
import PackageDescription

let package = Package(
    name: "Asistent",
    platforms: [.macOS(.v12), .iOS(.v15)],
    products: [
        .library(name: "Asistent", targets: ["Asistent"]),
    ],
    targets: [
        .target(
            name: "AsistentFFI",
            path: "Sources/AsistentFFI",
            linkerSettings: [
                .linkedLibrary("asistent_ffi"),
                .unsafeFlags(["-L../target/release"]),
            ]
        ),
        .target(name: "Asistent", dependencies: ["AsistentFFI"], path: "Sources/Asistent"),
        .testTarget(name: "AsistentTests", dependencies: ["Asistent"], path: "Tests/AsistentTests"),
        // The view-model example (`swift run ParentHome`), mirroring kotlin/examples/.
        .executableTarget(name: "ParentHome", dependencies: ["Asistent"], path: "Examples/ParentHome"),
    ]
)
