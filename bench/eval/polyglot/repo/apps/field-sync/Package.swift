// swift-tools-version:5.10
import PackageDescription

let package = Package(
    name: "FieldSync",
    platforms: [.iOS(.v16), .macOS(.v13)],
    products: [
        .library(name: "FieldSync", targets: ["FieldSync"]),
    ],
    targets: [
        .target(name: "FieldSync"),
        .testTarget(name: "FieldSyncTests", dependencies: ["FieldSync"]),
    ]
)
