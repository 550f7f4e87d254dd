"""Plausible wrong answers for chapter 6's exercises."""

WRONG = {
    # the reciprocal: SERT Ki / NET Ki
    "net_sert_ratio": '''
def net_sert_ratio(affinities, drug):
    rows = affinities[affinities["drug"] == drug].set_index("target")["ki_nM"]
    return float(rows["SERT"] / rows["NET"])
''',
    # forgets the unbound fraction: the total concentration in nM
    "free_nM": '''
def free_nM(level_ng_ml, mw_g_per_mol, fraction_unbound):
    return level_ng_ml / mw_g_per_mol * 1000
''',
    # occupancy of the total, not the free, concentration
    "occupancy_at_level": '''
def occupancy_at_level(drugs, affinities, drug, target, level_factor=1.0):
    row = drugs.set_index("drug").loc[drug]
    conc = row["plasma_level_ng_ml"] * level_factor / row["mw_g_per_mol"] * 1000
    ki = affinities.set_index(["drug", "target"]).loc[(drug, target), "ki_nM"]
    return float(conc / (conc + ki))
''',
    # one lithium per lithium carbonate: half the level
    "lithium_average": '''
def lithium_average(daily_dose_mg, crcl_ml_min):
    mmol_per_h = daily_dose_mg / 73.89 / 24
    clearance = 1.36 * crcl_ml_min / 100
    return mmol_per_h / clearance
''',
    # an increase OR a decrease, not both
    "classes_with_both_directions": '''
def classes_with_both_directions(effects):
    hits = effects[effects["direction"].isin(["increase", "decrease"])]
    return sorted(hits["class"].unique())
''',
    # the free level, not the total a blood test measures
    "level_for_occupancy": '''
def level_for_occupancy(drugs, affinities, drug, target, occupancy):
    row = drugs.set_index("drug").loc[drug]
    ki = affinities.set_index(["drug", "target"]).loc[(drug, target), "ki_nM"]
    free_nM = ki * occupancy / (1 - occupancy)
    return float(free_nM * row["mw_g_per_mol"] / 1000)
''',
}
