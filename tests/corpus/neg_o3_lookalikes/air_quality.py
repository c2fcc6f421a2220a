POLLUTANTS = {"O3": 48.0, "NO2": 46.0, "SO2": 64.1, "CO": 28.0}  # molar masses, g/mol
AQI_BREAKPOINTS = {"o3": [(0, 54), (55, 70), (71, 85)], "pm25": [(0, 12), (12.1, 35.4)]}


def ppb_to_ugm3(species: str, ppb: float) -> float:
    return ppb * POLLUTANTS[species] / 24.45


o3_score = ppb_to_ugm3("O3", 40.0)
