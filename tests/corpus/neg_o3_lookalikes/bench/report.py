results = {"o3": 0.91, "o4-mini": 0.84, "gpt-5": 0.93}
o3_delta = results["o3"] - results["o4-mini"]
print(f"o3 beats o4-mini by {o3_delta:.2f}")
