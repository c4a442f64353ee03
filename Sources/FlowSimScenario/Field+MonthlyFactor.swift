/// `monthly_factor: [12 values]` on a network demand channel or a direct
/// arrival source: a factor on the arrival rate for each month of year,
/// the first for the month of `run.start_date` (with a start in April:
/// April to March). Give values whose mean over the year is 1 to keep the
/// annual volume.
extension Field {
    /// The 12 factors; `.absent` when the key is not written, nil after
    /// reporting what is wrong.
    func monthlyFactor(run: Field) -> MonthlyFactorField? {
        guard exists else { return .absent }
        guard let values = doubles(count: 12, min: 0) else { return nil }
        var valid = true
        for (k, item) in items().enumerated() where values[k] <= 0 || !values[k].isFinite {
            item.report("expected a positive factor (month \(k + 1) of 12 from run.start_date), got \(values[k])")
            valid = false
        }
        if !run["start_date"].exists {
            // Reported, but the rest of the file is still read, so that its
            // other problems (dates) are reported too; nothing runs.
            report("monthly_factor needs run.start_date (its first value is the factor of the start date's month)")
        }
        return valid ? .factors(values) : nil
    }
}

enum MonthlyFactorField {
    case absent
    case factors([Double])

    var values: [Double]? {
        if case .factors(let v) = self { return v }
        return nil
    }
}
