import FlowSimCore

/// Turns a validated configuration into the flat runtime layout of
/// `FlowModel`: server pools, routing tables, compiled samplers, sources.
struct ModelBuilder {
    let config: ModelConfig
    let streams: RandomStreams
    let tables: SamplerTables
    /// Queue priority classes; the highest over every state of a timeline,
    /// so a later state may raise a group's priority.
    var priorityClasses: Int? = nil

    private var groupCount: Int { config.groups.count }

    /// The model, stating its facts to `recorder`.
    func build<Recorder: FactRecorder>(recording recorder: Recorder) -> FlowModel<Recorder> {
        var pools = ContiguousArray<ServerPool>()
        var role: [PoolLayout.Role] = [], siteOfPool: [Int] = [], rota: [Rota?] = []
        var triagePool: [Int] = [], cubiclePool: [Int] = [], wardPool: [Int] = [], handover: [Bool] = []
        var wardPools: [[Int]] = [], cubiclePools: [[Int]] = [], electiveWard: [Int] = []
        var triageSamplers: [Sampler] = [], treatment: [Sampler] = []
        var electiveStay: [Sampler] = [], electiveDayCase: [Double] = [], electiveRebookAfter: [Double] = []

        func addPool(_ servers: Rota, _ r: PoolLayout.Role, site: Int, priorities: Int) -> Int {
            pools.append(ServerPool(capacity: servers.byHourOfWeek[0], priorityClasses: priorities))
            role.append(r)
            siteOfPool.append(site)
            rota.append(servers.isConstant ? nil : servers)
            return pools.count - 1
        }
        let priorities = priorityClasses ?? (config.groups.map(\.priority).max() ?? 0) + 1
        let roles = config.network?.roles ?? []
        for (s, site) in config.sites.enumerated() {
            if let triage = site.triage {
                triagePool.append(addPool(triage.servers, .triage, site: s, priorities: 1))
                triageSamplers.append(Sampler(triage.service, tables: tables))
            } else {
                triagePool.append(-1)
                triageSamplers.append(Sampler(.constant(0), tables: tables))
            }
            let streamPools = site.streams.map { addPool($0.treatment.servers, .cubicles, site: s, priorities: priorities) }
            let wards = site.wards.map { addPool(.constant($0.beds), .ward, site: s, priorities: priorities) }
            cubiclePools.append(streamPools)
            wardPools.append(wards)
            for group in config.groups {
                let k = site.streamIndex(group.stream)
                cubiclePool.append(k.map { streamPools[$0] } ?? -1)
                handover.append(k.map { site.streams[$0].handoverNeedsCubicle } ?? false)
                let service = group.treatment ?? k.map { site.streams[$0].treatment.service } ?? .constant(0)
                treatment.append(Sampler(service, tables: tables))
                wardPool.append(group.ward.flatMap { site.wardIndex($0) }.map { wards[$0] } ?? -1)
            }
            let separate = site.role.flatMap { id in roles.first { $0.id == id } }?.separateElectiveBeds ?? false
            if let electives = site.electives {
                let ward = separate ? "elective" : electives.ward
                electiveWard.append(site.wardIndex(ward).map { wards[$0] } ?? -1)
                electiveStay.append(Sampler(electives.lengthOfStay, tables: tables))
                electiveDayCase.append(electives.dayCaseShare)
                electiveRebookAfter.append(electives.rebookAfter ?? -1)
            } else {
                electiveRebookAfter.append(-1)
                electiveWard.append(-1)
                electiveStay.append(Sampler(.constant(0), tables: tables))
                electiveDayCase.append(1)
            }
        }
        var fleet = -1
        if let network = config.network {
            let categories = NetworkFacts.categories
            fleet = addPool(network.ambulance.vehicles, .fleet, site: -1, priorities: categories)
        }
        let community = config.community.map { c -> CommunityRuntime in
            let localities = config.network?.localities ?? []
            let mdtPools = localities.map { locality in
                addPool(.constant(c.mdt.places(population: locality.population, level: c.level(of: locality.id, at: 0))),
                        .mdt, site: -1, priorities: 1)
            }
            var d2aOfLocality = [Int](repeating: -1, count: localities.count)
            var d2aStay: [Int: Sampler] = [:]
            for unit in c.d2aPools {
                let pool = addPool(.constant(unit.beds), .d2a, site: -1, priorities: 1)
                d2aStay[pool] = Sampler(unit.stay, tables: tables)
                for id in unit.localities {
                    if let l = localities.firstIndex(where: { $0.id == id }) { d2aOfLocality[l] = pool }
                }
            }
            return CommunityRuntime(
                mdtPool: mdtPools, d2aPool: d2aOfLocality, d2aStay: d2aStay,
                pathway: config.groups.map { g in c.pathways[g.id].map { Categorical($0) } },
                eligible: config.groups.map { c.mdt.eligibleGroups.contains($0.id) },
                frailtyShare: c.mdt.frailtyShare, escalation: c.mdt.escalation,
                stepUp: Sampler(c.mdt.stepUpEpisode, tables: tables),
                stepDown: Sampler(c.mdt.stepDownEpisode, tables: tables),
                careHomeWait: Sampler(c.careHomeWait, tables: tables),
                population: localities.map(\.population), mdt: c.mdt,
                levels: localities.map { c.levels[$0.id] ?? [] },
                stream: streams.stream("community/care"), stepUpStream: streams.stream("community/step-up"))
        }
        let layout = PoolLayout(role: role, siteOfPool: siteOfPool, rota: rota,
                                rotaDriven: rota.map { $0 != nil }, triagePool: triagePool,
                                cubiclePool: cubiclePool, wardPool: wardPool, handoverNeedsCubicle: handover,
                                wardPools: wardPools,
                                wardIndexOfPool: pools.indices.map { pool in
                                    wardPools.lazy.compactMap { $0.firstIndex(of: pool) }.first ?? -1
                                },
                                cubiclePools: cubiclePools,
                                electiveWard: electiveWard, fleet: fleet,
                                d2aPools: role.indices.filter { role[$0] == .d2a })
        let siteCount = config.sites.count
        let localities = config.network?.localities ?? []
        let travel = TravelTimes(
            blueLight: localities.flatMap(\.blueLightMinutes),
            interSite: config.network?.interSiteMinutes.flatMap { $0 } ?? [])
        return FlowModel(
            groupCount: groupCount, siteCount: siteCount, pools: InPlaceTable(pools), layout: layout,
            routing: RoutingTable.build(config).table,
            patients: PatientPool(reservingCapacity: 4096),
            recorder: recorder,
            sampling: sampling(triage: triageSamplers, treatment: treatment, electiveStay: electiveStay,
                               electiveRebookAfter: electiveRebookAfter,
                               electiveDayCase: electiveDayCase),
            travel: travel, sources: sources(),
            community: community,
            standby: StandbyRuntime.build(config, largestTotal: largestFleet, streams: streams, tables: tables),
            effectiveness: (config.network?.localities ?? []).map { locality in
                config.community.map { $0.mdt.effectivenessByLevel[$0.level(of: locality.id, at: 0)] } ?? 0
            },
            electiveWaiting: Array(repeating: ElectiveWaitingList(), count: siteCount),
            bedsOccupied: InPlaceTable(repeating: 0, count: siteCount),
            wardBusyReported: InPlaceTable(repeating: 0, count: pools.count),
            maximumInSystem: config.maximumInSystem)
    }

    /// The most vehicles on duty in any hour of any state of a timeline.
    var largestFleet: Int {
        ([config] + config.epochs.map(\.config)).compactMap { $0.network?.ambulance.vehicles.byHourOfWeek.max() }.max() ?? 0
    }

    /// The recorder of results, sized for this configuration.
    func windowRecorder() -> WindowRecorder {
        let states = [config] + config.epochs.map(\.config)
        let localities = config.network?.localities ?? []
        return WindowRecorder(
            warmup: config.warmup, groups: groupCount,
            // Bed levels are tracked up to the most beds any state of a timeline has.
            maximumBeds: config.sites.indices.map { s in
                states.map { $0.sites[s].wards.reduce(0) { $0 + $1.beds } }.max() ?? 0
            },
            maximumWardBeds: config.sites.indices.map { s in
                config.sites[s].wards.indices.map { k in states.map { $0.sites[s].wards[k].beds }.max() ?? 0 }
            },
            initialPlaces: localities.map { locality in
                config.community.map { $0.mdt.places(population: locality.population,
                                                     level: $0.level(of: locality.id, at: 0)) } ?? 0
            },
            calendar: config.monthOfYear, hasNetwork: config.network != nil)
    }

    func sampling(triage: [Sampler], treatment: [Sampler], electiveStay: [Sampler], electiveRebookAfter: [Double],
                  electiveDayCase: [Double]) -> SamplingPlan {
        let groups = config.groups
        let ambulance = config.network.map { network -> AmbulanceSamplers in
            let a = network.ambulance
            return AmbulanceSamplers(
                response: Sampler(a.responseTravel, tables: tables),
                onSceneConveyed: Sampler(a.onSceneConveyed, tables: tables),
                onSceneSeeAndTreat: Sampler(a.onSceneSeeAndTreat, tables: tables),
                handover: Sampler(a.handover, tables: tables),
                clear: Sampler(a.clear, tables: tables),
                secondaryProbability: a.secondaryDispatchProbability,
                secondaryJob: Sampler(a.secondaryJob, tables: tables),
                releaseAfter: a.releaseAfter,
                stream: streams.stream("ambulance/crew"))
        }
        return SamplingPlan(
            triage: triage,
            targetEffect: config.sites.map(\.targetEffect),
            bedTurnaround: config.sites.map { $0.bedTurnaround.map { Sampler($0, tables: tables) } },
            treatment: treatment,
            admitProbability: groups.map(\.admitProbability),
            lengthOfStay: groups.map { Sampler($0.lengthOfStay ?? .constant(0), tables: tables) },
            priority: groups.map(\.priority),
            patience: groups.map { $0.patience.map { Sampler($0, tables: tables) } },
            patienceStream: groups.map { streams.stream("ae/patience/\($0.id)") },
            vehiclePriority: groups.map { min(max($0.ambulance.category, 1), NetworkFacts.categories) - 1 },
            ambulanceOutcome: groups.map { g in
                Categorical([g.ambulance.hearAndTreat, g.ambulance.seeAndTreat, max(g.ambulance.convey, 0)])
            },
            fixedCategory: groups.map { g in
                let shares = g.ambulance.categoryShares
                return shares.filter { $0 > 0 }.count == 1 ? shares.firstIndex { $0 > 0 }! : -1
            },
            categoryDraw: groups.map { Categorical($0.ambulance.categoryShares) },
            categoryStream: groups.map { streams.stream("ambulance/category/\($0.id)") },
            electiveStay: electiveStay,
            electiveDayCase: electiveDayCase,
            electiveRebookAfter: electiveRebookAfter,
            ambulance: ambulance,
            triageStream: streams.stream("ae/triage"),
            targetStream: streams.stream("ae/target"),
            treatmentStream: groups.map { streams.stream("ae/treatment/\($0.id)") },
            decisionStream: groups.map { streams.stream("ae/decision/\($0.id)") },
            stayStream: groups.map { streams.stream("beds/stay/\($0.id)") },
            outcomeStream: groups.map { streams.stream("ambulance/outcome/\($0.id)") },
            electiveStream: streams.stream("electives"),
            turnaroundStream: streams.stream("beds/turnaround"))
    }

    func groupIndices(_ mix: [(group: String, share: Double)]) -> [Int] {
        mix.map { config.groupIndex($0.group)! }
    }

    /// Draws a group index from a case mix.
    func groupChoice(_ mix: [(group: String, share: Double)]) -> Choice {
        Choice(Categorical(mix.map(\.share)), labels: groupIndices(mix), tables: tables)
    }

    /// Arrival sources: direct ones, one per (locality, demand channel),
    /// and one per site with electives. Stream names depend on the
    /// locality and channel only, never on the site a patient reaches.
    func sources() -> [ArrivalSourceRuntime] {
        var result: [ArrivalSourceRuntime] = []
        let calendar = config.monthOfYear
        for source in config.arrivals {
            result.append(ArrivalSourceRuntime(
                kind: .direct, site: config.siteIndex(source.site)!, locality: -1,
                channel: UInt8(source.channel.rawValue),
                rate: ArrivalRate(config.dailyFactors(source.monthlyFactor, calendar: calendar)
                    .map { source.rate.withDailyFactors($0) } ?? source.rate, tables: tables),
                mix: groupChoice(source.mix),
                timing: streams.stream("arrivals/\(source.id)"), casemix: streams.stream("casemix/\(source.id)"),
                dispositions: nil, edMix: nil, ambulanceMix: nil))
        }
        if let network = config.network {
            // One table per channel, shared by its localities' profiles.
            let daily = network.demand.map { config.dailyFactors($0.monthlyFactor, calendar: calendar) }
            for (l, locality) in network.localities.enumerated() {
                for (c, demand) in network.demand.enumerated() {
                    let kind: ArrivalSourceRuntime.Kind
                    let channel: ArrivalChannel
                    switch demand.channel {
                    case .walkIn: (kind, channel) = (.walkIn, .walkIn)
                    case .nhs111: (kind, channel) = (.nhs111, .nhs111)
                    case .ambulance999: (kind, channel) = (.call999, .ambulance)
                    case .gpAdmission: (kind, channel) = (.gpAdmission, .gpReferral)
                    }
                    let name = "\(demand.channel.rawValue)/\(locality.id)"
                    let nhs111 = demand.channel == .nhs111 ? network.nhs111 : nil
                    let mix = demand.mix.isEmpty ? [(group: config.groups[0].id, share: 1.0)] : demand.mix
                    result.append(ArrivalSourceRuntime(
                        kind: kind, site: -1, locality: l, channel: UInt8(channel.rawValue),
                        rate: ArrivalRate(daily[c].map { demand.rate(population: locality.population).withDailyFactors($0) }
                            ?? demand.rate(population: locality.population), tables: tables),
                        mix: groupChoice(mix),
                        timing: streams.stream("demand/\(name)"), casemix: streams.stream("casemix/\(name)"),
                        dispositions: nhs111.map { n in Choice(Categorical(NHS111Disposition.allCases.map { d in
                            n.dispositions.first { $0.disposition == d }?.share ?? 0 }), tables: tables) },
                        edMix: nhs111.map { groupChoice($0.emergencyDepartmentMix) },
                        ambulanceMix: nhs111.map { groupChoice($0.ambulanceMix) }))
                }
            }
        }
        for (s, site) in config.sites.enumerated() {
            guard let electives = site.electives, electives.perWeekday > 0 else { continue }
            let shapeTotal = electives.hourlyShape.reduce(0, +)
            let perHour = electives.hourlyShape.map { $0 / shapeTotal * electives.perWeekday }
            result.append(ArrivalSourceRuntime(
                kind: .elective, site: s, locality: -1, channel: 0,
                rate: ArrivalRate(.hourly(perHour: perHour, dayFactors: [1, 1, 1, 1, 1, 0, 0]), tables: tables),
                mix: Choice(Categorical([1]), labels: [0], tables: tables),
                // Electives have one group: the case-mix stream is never drawn.
                timing: streams.stream("electives/\(site.id)"), casemix: streams.stream("electives/\(site.id)"),
                dispositions: nil, edMix: nil, ambulanceMix: nil))
        }
        return result
    }
}
