// The umbrella module: `import FlowSim` gives every layer.
@_exported import FlowSimCore
@_exported import FlowSimModel
@_exported import FlowSimScenario
@_exported import FlowSimExperiments
@_exported import FlowSimReports
