import CGSL

/// Student-t confidence intervals for the mean of independent replications.
public enum ConfidenceInterval {
    /// The two-sided critical value t(1 - alpha/2, df).
    public static func tCritical(confidence: Double = 0.95, degreesOfFreedom df: Int) -> Double {
        precondition(df >= 1 && confidence > 0 && confidence < 1)
        return gsl_cdf_tdist_Pinv(1 - (1 - confidence) / 2, Double(df))
    }

    /// Mean and half-width of the `confidence` interval; the half-width is
    /// 0 for a single replication (no spread can be estimated).
    public static func meanAndHalfWidth(_ values: [Double], confidence: Double = 0.95) -> (mean: Double, halfWidth: Double) {
        var tally = Tally()
        for v in values { tally.add(v) }
        guard tally.count > 1 else { return (tally.count == 1 ? tally.mean : 0, 0) }
        return (tally.mean, tCritical(confidence: confidence, degreesOfFreedom: tally.count - 1) * tally.standardError)
    }
}
