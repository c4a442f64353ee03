// The statistics helpers of the core's tests, for the tests of the layers
// above, which import only this target.
@_exported import FlowSimCoreTestSupport
