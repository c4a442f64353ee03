// swift-tools-version: 6.0
// flowsim: a discrete-event simulation engine for urgent and emergency care
// patient flow in Mid and South Essex. GPL-3.0-or-later (it links GSL).
import PackageDescription

// Release builds of the engine drop dynamic exclusivity checks: the hot loop
// mutates pooled patient arrays through `inout` thousands of times per
// simulated hour, and the checks cost ~15% there. Debug builds keep them.
let engineSettings: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "flowsim",
    products: [
        .executable(name: "flowsim", targets: ["flowsim"]),
        .library(name: "FlowSim", targets: ["FlowSim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-algorithms", from: "1.2.1"),
    ],
    targets: [
        // Layer 1: GNU Scientific Library, random distributions.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // Layer 2: generic discrete-event core. Knows nothing of hospitals.
        .target(
            name: "FlowSimCore",
            dependencies: [
                "CGSL",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: engineSettings
        ),
        // Layer 3: the patient-flow model of Mid and South Essex.
        .target(name: "FlowSimModel", dependencies: ["FlowSimCore"], swiftSettings: engineSettings),
        // Layer 4: scenario files (YAML), inheritance and validation.
        .target(name: "FlowSimScenario", dependencies: ["FlowSimModel", "FlowSimCore", "Yams"]),
        // Layer 5: replications, confidence intervals, comparisons, sweeps
        // (running, storing and merging them). CGSL for the normal quantile
        // that turns sampled designs into parameter values.
        .target(name: "FlowSimExperiments", dependencies: [
            "FlowSimScenario", "FlowSimModel", "FlowSimCore", "CGSL",
            .product(name: "Algorithms", package: "swift-algorithms"),
        ]),
        // Layer 6: tables, CSV, JSON and HTML; formatting only. It reads
        // scenarios (for `describe`) but runs nothing.
        .target(name: "FlowSimReports", dependencies: ["FlowSimExperiments", "FlowSimScenario", "FlowSimModel", "FlowSimCore"]),
        // Umbrella that re-exports every layer.
        .target(name: "FlowSim", dependencies: [
            "FlowSimCore", "FlowSimModel", "FlowSimScenario", "FlowSimExperiments", "FlowSimReports",
        ]),
        // Layer 7: the thin command-line interface.
        .executableTarget(
            name: "flowsim",
            dependencies: [
                "FlowSim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Tests follow the layers: the core's tests link only the core and
        // the statistics helpers; the layers above get those helpers and
        // the package's paths from FlowSimTestSupport.
        .target(name: "FlowSimCoreTestSupport", path: "Tests/FlowSimCoreTestSupport"),
        .target(name: "FlowSimTestSupport", dependencies: ["FlowSimCoreTestSupport"], path: "Tests/FlowSimTestSupport"),
        // Histogram: the sketch's quantiles are checked against the package's own.
        .testTarget(name: "FlowSimCoreTests", dependencies: [
            "FlowSimCore", "CGSL", "FlowSimCoreTestSupport", .product(name: "Histogram", package: "hdrhistogram-swift"),
        ]),
        .testTarget(name: "FlowSimModelTests", dependencies: ["FlowSim", "FlowSimTestSupport"]),
        .testTarget(name: "FlowSimScenarioTests", dependencies: [
            "FlowSim", "FlowSimCore", "FlowSimScenario", "FlowSimTestSupport",
            // Yams's own resolver is the reference for which scalars are null.
            "Yams",
        ]),
        .testTarget(name: "FlowSimExperimentsTests", dependencies: ["FlowSim", "FlowSimTestSupport"]),
        .testTarget(name: "FlowSimReportsTests", dependencies: ["FlowSimReports", "FlowSimExperiments", "FlowSimModel"]),
        .testTarget(name: "FlowSimCLITests", dependencies: ["FlowSimTestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
