/// Where each patient goes, resolved once from the configuration into flat
/// tables, so routing costs one array read per patient.
///
/// Rules (docs/design.md, "The model"): an ambulance takes a patient to the nearest site
/// (blue-light minutes) whose role accepts the group at that hour; walk-ins
/// go to the nearest site (road minutes) that accepts walk-ins; GP
/// admissions go to the nearest site that accepts them and admits the
/// group's ward; a patient admitted at a site that cannot admit them is
/// transferred to the nearest site (inter-site minutes) that can.
public struct RoutingTable: Sendable {
    public let sites: Int
    public let groups: Int
    public let localities: Int
    /// [(locality × groups + group) × 24 + hour] → site, or -1.
    public let ambulance: [Int]
    /// [locality × groups + group] → site, or -1.
    public let walkIn: [Int]
    public let gpAdmission: [Int]
    /// [site × groups + group]: can this site admit this group?
    public let canAdmit: [Bool]
    /// [site × groups + group] → receiving site for a transfer, or -1.
    public let transfer: [Int]
    /// [(locality × groups + group) × 24 + hour] → the site a walk-in who
    /// follows the emergency services goes to: where an ambulance would
    /// take them if it takes walk-ins, else the nearest A&E.
    public let followedWalkIn: [Int]

    /// A problem that makes a configuration unroutable.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public let group: String
        public let message: String
        public var description: String { message }
    }

    @inline(__always)
    public func ambulanceSite(locality: Int, group: Int, hour: Int) -> Int {
        ambulance[(locality * groups + group) * 24 + hour]
    }

    /// Builds the tables and lists every patient group that some channel
    /// could bring but no site could take.
    public static func build(_ config: ModelConfig) -> (table: RoutingTable, problems: [Problem]) {
        let sites = config.sites, groups = config.groups
        let network = config.network
        let localities = network?.localities ?? []
        let roles: [RoleConfig?] = sites.map { site in site.role.flatMap { id in network?.roles.first { $0.id == id } } }
        var problems: [Problem] = []

        func admits(_ s: Int, _ g: Int) -> Bool {
            guard let ward = groups[g].ward, let w = sites[s].wardIndex(ward), sites[s].wards[w].beds > 0 else {
                return false
            }
            return roles[s].map { $0.admits.contains(ward) } ?? true
        }
        func nearest(_ minutes: [Double], where accepts: (Int) -> Bool) -> Int {
            var best = -1
            for s in sites.indices where accepts(s) && (best < 0 || minutes[s] < minutes[best]) { best = s }
            return best
        }

        var canAdmit: [Bool] = []
        var transfer: [Int] = []
        for s in sites.indices {
            for g in groups.indices {
                let here = admits(s, g)
                canAdmit.append(here)
                let needs = groups[g].admitProbability > 0
                if here || !needs {
                    transfer.append(-1)
                } else {
                    let minutes = network?.interSiteMinutes[s] ?? Array(repeating: 0, count: sites.count)
                    let target = nearest(minutes) { admits($0, g) }
                    transfer.append(target)
                    if target < 0 {
                        problems.append(Problem(group: groups[g].id, message:
                            "patient group '\(groups[g].id)' is admitted with probability \(groups[g].admitProbability) but no site admits to ward '\(groups[g].ward ?? "-")'"))
                    }
                }
            }
        }

        let mixes = Set((network?.demand ?? []).flatMap { $0.mix.map(\.group) })
        let ambulanceGroups = Set(((network?.demand ?? []).filter { $0.channel == .ambulance999 }.flatMap { $0.mix.map(\.group) })
            + (network?.nhs111?.ambulanceMix.map(\.group) ?? []))
        var ambulance: [Int] = [], walkIn: [Int] = [], gp: [Int] = []
        var reported = Set<String>()
        for locality in localities {
            for (g, group) in groups.enumerated() {
                for hour in 0..<24 {
                    let site = nearest(locality.blueLightMinutes) { s in
                        roles[s]?.acceptsAmbulance(group: group.id, hour: hour) ?? true
                    }
                    ambulance.append(site)
                    if site < 0 && ambulanceGroups.contains(group.id) && reported.insert("amb \(group.id) \(hour)").inserted {
                        problems.append(Problem(group: group.id, message: String(format:
                            "no site accepts ambulance patients of group '%@' at %02d:00", group.id, hour)))
                    }
                }
                let w = nearest(locality.generalMinutes) { roles[$0]?.acceptsWalkIns ?? true }
                walkIn.append(w)
                let d = nearest(locality.generalMinutes) { s in (roles[s]?.acceptsGPAdmissions ?? true) && admits(s, g) }
                gp.append(d)
                if mixes.contains(group.id) && w < 0 && reported.insert("walk \(group.id)").inserted {
                    problems.append(Problem(group: group.id, message: "no site accepts walk-in patients"))
                }
            }
        }
        let gpGroups = Set((network?.demand ?? []).filter { $0.channel == .gpAdmission }.flatMap { $0.mix.map(\.group) })
        for (g, group) in groups.enumerated() where gpGroups.contains(group.id) {
            if localities.indices.contains(where: { gp[$0 * groups.count + g] < 0 }) {
                problems.append(Problem(group: group.id, message:
                    "no site accepts GP admissions of group '\(group.id)' (it needs a site that takes GP admissions and admits to ward '\(group.ward ?? "-")')"))
            }
        }
        var followed: [Int] = []
        followed.reserveCapacity(ambulance.count)
        for l in localities.indices {
            for g in groups.indices {
                for hour in 0..<24 {
                    let site = ambulance[(l * groups.count + g) * 24 + hour]
                    followed.append(site >= 0 && (roles[site]?.acceptsWalkIns ?? true) ? site : walkIn[l * groups.count + g])
                }
            }
        }
        let table = RoutingTable(sites: sites.count, groups: groups.count, localities: localities.count,
                                 ambulance: ambulance, walkIn: walkIn, gpAdmission: gp, canAdmit: canAdmit,
                                 transfer: transfer, followedWalkIn: followed)
        return (table, problems)
    }
}
