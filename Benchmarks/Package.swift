// swift-tools-version: 6.1
// flowsim benchmarks (package-benchmark). A separate package so that the
// root package's `swift test` (CI) never builds the benchmark framework.
//
//   cd Benchmarks && swift package benchmark
//
// GPL-3.0-or-later, like the engine it measures.
import Foundation
import PackageDescription

// A path dependency's identity is the last component of its path, which is
// the name of the folder the repository was cloned into ("flowsim", "main",
// ...), so it is read here rather than written down.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let flowsim = root.lastPathComponent.lowercased()

let package = Package(
    name: "flowsim-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        // The malloc interposer is the trait the framework needs here (its
        // default traits also pull in an ARC interposer that is not mirrored).
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // Whole replications of the project's reference workloads R1 and R2
        // (Scenarios/reference/, described in docs/performance.md) through the
        // ordinary engine path.
        .executableTarget(
            name: "Replications",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "FlowSim", package: flowsim),
            ],
            path: "Benchmarks/Replications",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The pending-event set: FlowSimCore's EventQueue against a plain
        // binary heap and swift-collections' min-max Heap on the hold model.
        .executableTarget(
            name: "EventQueues",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "FlowSim", package: flowsim),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            path: "Benchmarks/EventQueues",
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
