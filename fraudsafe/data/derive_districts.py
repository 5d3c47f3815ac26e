"""How districts.csv was made (kept for the next refresh; the CSV is the source the product reads).

Run: python fraudsafe/data/derive_districts.py [--native NAMES.json] > districts.new.csv   (needs indian-pincode)
then review the diff and move districts.new.csv over fraudsafe/data/districts.csv.

Start: every (district, state) pair of the offline PIN directory in the `indian-pincode` package (data version
printed in the CSV's first comment line; derived from India Post's public all-India pincode directory, with the
Local Government Directory's district names). Its names are upper case and some lag behind renames or carry typos,
so each one gets a display name: proper case, with the corrections below (current official names; state added
where two states have a district of the same name). The PIN directory's own name stays in `pin_directory_name`,
which is how a PIN code is checked against a district. Aliases are old names, English spellings and cities people
give for their district; an alias shared by several districts (e.g. "Delhi", "Bilaspur") makes the bot ask.

Native names (`native_names`, `|`-separated): each district in its state's own script (কলকাতা, హైదరాబాద్, ठाणे,
சென்னை), how a citizen writing in that script types it. They are kept from the current CSV on a refresh;
`--native NAMES.json` ({"<district>": ["<name>", ...]}, keyed by the canonical name) adds more.
"""

import csv
import importlib.metadata
import json
import sys
from pathlib import Path

CURRENT = Path(__file__).resolve().parent / "districts.csv"

NAMES = {
    # (state, PIN-directory name): display name
    ("DELHI", "CENTRAL"): "Central Delhi",
    ("DELHI", "EAST"): "East Delhi",
    ("DELHI", "NORTH"): "North Delhi",
    ("DELHI", "NORTH EAST"): "North East Delhi",
    ("DELHI", "NORTH WEST"): "North West Delhi",
    ("DELHI", "SOUTH"): "South Delhi",
    ("DELHI", "SOUTH EAST"): "South East Delhi",
    ("DELHI", "SOUTH WEST"): "South West Delhi",
    ("DELHI", "WEST"): "West Delhi",
    ("SIKKIM", "EAST DISTRICT"): "East Sikkim",
    ("SIKKIM", "NORTH DISTRICT"): "North Sikkim",
    ("SIKKIM", "SOUTH DISTRICT"): "South Sikkim",
    ("SIKKIM", "WEST DISTRICT"): "West Sikkim",
    ("LAKSHADWEEP", "LAKSHADWEEP DISTRICT"): "Lakshadweep",
    ("LADAKH", "LEH LADAKH"): "Leh",
    ("ANDHRA PRADESH", "VISAKHAPATANAM"): "Visakhapatnam",
    ("ANDHRA PRADESH", "Y.S.R."): "YSR Kadapa",
    ("ANDHRA PRADESH", "NTR"): "NTR",
    ("ANDHRA PRADESH", "SPSR NELLORE"): "Sri Potti Sriramulu Nellore",
    ("ARUNACHAL PRADESH", "LEPARADA"): "Lepa Rada",
    ("ASSAM", "KAMRUP METRO"): "Kamrup Metropolitan",
    ("ASSAM", "KARIMGANJ"): "Sribhumi",
    ("ASSAM", "SOUTH SALMARA MANCACHAR"): "South Salmara-Mankachar",
    ("BIHAR", "KAIMUR (BHABUA)"): "Kaimur",
    ("CHHATTISGARH", "BALRAMPUR"): "Balrampur-Ramanujganj",
    ("CHHATTISGARH", "BILASPUR"): "Bilaspur (Chhattisgarh)",
    ("CHHATTISGARH", "GAURELLA PENDRA MARWAHI"): "Gaurela-Pendra-Marwahi",
    ("GUJARAT", "AHMADABAD"): "Ahmedabad",
    ("GUJARAT", "ARVALLI"): "Aravalli",
    ("GUJARAT", "BANAS KANTHA"): "Banaskantha",
    ("GUJARAT", "SABAR KANTHA"): "Sabarkantha",
    ("GUJARAT", "PANCH MAHALS"): "Panchmahal",
    ("GUJARAT", "CHHOTAUDEPUR"): "Chhota Udaipur",
    ("GUJARAT", "DOHAD"): "Dahod",
    ("HIMACHAL PRADESH", "BILASPUR"): "Bilaspur (Himachal Pradesh)",
    ("HIMACHAL PRADESH", "HAMIRPUR"): "Hamirpur (Himachal Pradesh)",
    ("HIMACHAL PRADESH", "LAHUL AND SPITI"): "Lahaul and Spiti",
    ("JHARKHAND", "EAST SINGHBUM"): "East Singhbhum",
    ("JHARKHAND", "SARAIKELA KHARSAWAN"): "Seraikela Kharsawan",
    ("KARNATAKA", "VIJAYNAGAR"): "Vijayanagara",
    ("MADHYA PRADESH", "EAST NIMAR"): "Khandwa",
    ("MADHYA PRADESH", "HOSHANGABAD"): "Narmadapuram",
    ("MAHARASHTRA", "AHMEDNAGAR"): "Ahilyanagar",
    ("MAHARASHTRA", "AURANGABAD"): "Chhatrapati Sambhajinagar",
    ("MAHARASHTRA", "OSMANABAD"): "Dharashiv",
    ("ODISHA", "ANUGUL"): "Angul",
    ("ODISHA", "JAJAPUR"): "Jajpur",
    ("ODISHA", "SONEPUR"): "Subarnapur",
    ("PUDUCHERRY", "PONDICHERRY"): "Puducherry",
    ("PUNJAB", "S.A.S NAGAR"): "Sahibzada Ajit Singh Nagar",
    ("RAJASTHAN", "GANGANAGAR"): "Sri Ganganagar",
    ("RAJASTHAN", "PRATAPGARH"): "Pratapgarh (Rajasthan)",
    ("TAMIL NADU", "TUTICORIN"): "Thoothukudi",
    ("TELANGANA", "JANGOAN"): "Jangaon",
    ("UTTAR PRADESH", "BALRAMPUR"): "Balrampur",
    ("UTTAR PRADESH", "HAMIRPUR"): "Hamirpur (Uttar Pradesh)",
    ("UTTAR PRADESH", "PRATAPGARH"): "Pratapgarh (Uttar Pradesh)",
    ("UTTAR PRADESH", "KHERI"): "Lakhimpur Kheri",
    ("UTTAR PRADESH", "KUSHI NAGAR"): "Kushinagar",
    ("UTTAR PRADESH", "SANT KABEER NAGAR"): "Sant Kabir Nagar",
    ("UTTAR PRADESH", "SIDDHARTH NAGAR"): "Siddharthnagar",
    ("UTTARAKHAND", "UDAM SINGH NAGAR"): "Udham Singh Nagar",
    ("UTTARAKHAND", "UTTAR KASHI"): "Uttarkashi",
    ("UTTARAKHAND", "RUDRA PRAYAG"): "Rudraprayag",
    ("WEST BENGAL", "24 PARAGANAS NORTH"): "North 24 Parganas",
    ("WEST BENGAL", "24 PARAGANAS SOUTH"): "South 24 Parganas",
    ("WEST BENGAL", "COOCHBEHAR"): "Cooch Behar",
    ("WEST BENGAL", "MALDAH"): "Malda",
    ("WEST BENGAL", "DINAJPUR DAKSHIN"): "Dakshin Dinajpur",
    ("WEST BENGAL", "DINAJPUR UTTAR"): "Uttar Dinajpur",
    ("WEST BENGAL", "MEDINIPUR EAST"): "Purba Medinipur",
    ("WEST BENGAL", "MEDINIPUR WEST"): "Paschim Medinipur",
    ("ANDAMAN AND NICOBAR ISLANDS", "NICOBARS"): "Nicobar",
    ("ANDAMAN AND NICOBAR ISLANDS", "SOUTH ANDAMANS"): "South Andaman",
}

ALIASES = {
    # display name: aliases (old names, English spellings, the city people name)
    "Bengaluru Urban": ["Bangalore", "Bangalore Urban", "Bengaluru", "Bangalore City", "Bengaluru City"],
    "Bengaluru Rural": ["Bangalore Rural"],
    "Gurugram": ["Gurgaon"],
    "Mumbai": ["Bombay", "Mumbai City"],
    "Mumbai Suburban": ["Bombay Suburban"],
    "Chennai": ["Madras"],
    "Kolkata": ["Calcutta"],
    "Prayagraj": ["Allahabad"],
    "Ayodhya": ["Faizabad"],
    "Mysuru": ["Mysore"],
    "Belagavi": ["Belgaum"],
    "Ballari": ["Bellary"],
    "Kalaburagi": ["Gulbarga"],
    "Shivamogga": ["Shimoga"],
    "Tumakuru": ["Tumkur"],
    "Vijayapura": ["Bijapur (Karnataka)"],
    "Chikkamagaluru": ["Chikmagalur"],
    "Chikkaballapura": ["Chikballapur"],
    "Chamarajanagara": ["Chamarajanagar"],
    "Dakshina Kannada": ["Mangalore", "Mangaluru"],
    "Uttara Kannada": ["Karwar"],
    "Kodagu": ["Coorg"],
    "Davangere": ["Davanagere"],
    "Dharwad": ["Hubli", "Hubballi"],
    "Vijayanagara": ["Hospet", "Vijaynagar"],
    "Ernakulam": ["Kochi", "Cochin"],
    "Thiruvananthapuram": ["Trivandrum"],
    "Kozhikode": ["Calicut"],
    "Thrissur": ["Trichur"],
    "Alappuzha": ["Alleppey"],
    "Kollam": ["Quilon"],
    "Palakkad": ["Palghat"],
    "Kannur": ["Cannanore"],
    "Kasaragod": ["Kasargod"],
    "Pune": ["Poona"],
    "Nashik": ["Nasik"],
    "Thane": ["Thana"],
    "Beed": ["Bid"],
    "Gondia": ["Gondiya"],
    "Ahilyanagar": ["Ahmednagar"],
    "Chhatrapati Sambhajinagar": ["Aurangabad (Maharashtra)", "Sambhajinagar"],
    "Dharashiv": ["Osmanabad"],
    "Aurangabad": ["Aurangabad (Bihar)"],
    "Ahmedabad": ["Ahmadabad", "Amdavad"],
    "Vadodara": ["Baroda"],
    "Kachchh": ["Kutch"],
    "Mahesana": ["Mehsana"],
    "Dang": ["The Dangs", "Dangs"],
    "Hyderabad": ["Secunderabad"],
    "Ranga Reddy": ["Rangareddy", "Rangareddi"],
    "Hanumakonda": ["Warangal Urban"],
    "Warangal": ["Warangal Rural"],
    "Visakhapatnam": ["Vizag", "Vishakhapatnam", "Visakhapatanam"],
    "NTR": ["Vijayawada", "NTR District"],
    "Sri Potti Sriramulu Nellore": ["Nellore", "SPSR Nellore"],
    "YSR Kadapa": ["Kadapa", "Cuddapah", "YSR"],
    "Anantapur": ["Anantapuramu"],
    "Thoothukudi": ["Tuticorin"],
    "Tiruchirappalli": ["Trichy", "Tiruchirapalli", "Trichinopoly"],
    "Kanniyakumari": ["Kanyakumari"],
    "The Nilgiris": ["Nilgiris", "Ooty"],
    "Puducherry": ["Pondicherry"],
    "Thanjavur": ["Tanjore"],
    "Kanchipuram": ["Kancheepuram"],
    "Thiruvallur": ["Tiruvallur"],
    "Villupuram": ["Viluppuram"],
    "Tirupathur": ["Tirupattur"],
    "Coimbatore": ["Kovai"],
    "Gautam Buddha Nagar": ["Noida", "Greater Noida", "Gautam Budh Nagar"],
    "Lakhimpur Kheri": ["Kheri"],
    "Kushinagar": ["Kushi Nagar"],
    "Sant Kabir Nagar": ["Sant Kabeer Nagar"],
    "Kanpur Nagar": ["Kanpur", "Cawnpore"],
    "Bhadohi": ["Sant Ravidas Nagar"],
    "Amroha": ["Jyotiba Phule Nagar"],
    "Rae Bareli": ["Raebareli"],
    "Varanasi": ["Banaras", "Benares", "Kashi"],
    "Budaun": ["Badaun"],
    "Sahibzada Ajit Singh Nagar": ["Mohali", "SAS Nagar", "S.A.S. Nagar"],
    "Shahid Bhagat Singh Nagar": ["Nawanshahr", "SBS Nagar"],
    "Firozepur": ["Ferozepur", "Firozpur"],
    "Rupnagar": ["Ropar"],
    "Bathinda": ["Bhatinda"],
    "Sri Muktsar Sahib": ["Muktsar"],
    "Shimla": ["Simla"],
    "Dehradun": ["Dehra Dun"],
    "Haridwar": ["Hardwar"],
    "Pauri Garhwal": ["Garhwal", "Pauri"],
    "Udham Singh Nagar": ["Udam Singh Nagar"],
    "Uttarkashi": ["Uttar Kashi"],
    "Rudraprayag": ["Rudra Prayag"],
    "Kamrup Metropolitan": ["Kamrup Metro", "Guwahati", "Gauhati"],
    "Sivasagar": ["Sibsagar"],
    "Marigaon": ["Morigaon"],
    "Sribhumi": ["Karimganj"],
    "Angul": ["Anugul"],
    "Baleshwar": ["Balasore"],
    "Kendujhar": ["Keonjhar"],
    "Jajpur": ["Jajapur"],
    "Subarnapur": ["Sonepur"],
    "Khordha": ["Khurda", "Bhubaneswar"],
    "Balangir": ["Bolangir"],
    "Pashchim Champaran": ["West Champaran", "Bettiah"],
    "Purbi Champaran": ["East Champaran", "Motihari"],
    "Purnia": ["Purnea"],
    "Kaimur": ["Bhabua", "Kaimur (Bhabua)"],
    "East Singhbhum": ["Purbi Singhbhum", "Jamshedpur", "East Singhbum"],
    "West Singhbhum": ["Pashchimi Singhbhum", "Chaibasa"],
    "Sahebganj": ["Sahibganj"],
    "Seraikela Kharsawan": ["Saraikela Kharsawan"],
    "Balrampur-Ramanujganj": ["Balrampur (Chhattisgarh)"],
    "Balrampur": ["Balrampur (Uttar Pradesh)"],
    "Gaurela-Pendra-Marwahi": ["Gaurella Pendra Marwahi"],
    "Kanker": ["Uttar Bastar Kanker"],
    "Dantewada": ["Dakshin Bastar Dantewada"],
    "Korea": ["Koriya"],
    "Kabirdham": ["Kawardha"],
    "Khandwa": ["East Nimar"],
    "Khargone": ["West Nimar"],
    "Narmadapuram": ["Hoshangabad"],
    "Jabalpur": ["Jubbulpore"],
    "Lahaul and Spiti": ["Lahul and Spiti"],
    "Budgam": ["Badgam"],
    "Baramulla": ["Baramula"],
    "Shopian": ["Shupiyan"],
    "Poonch": ["Punch"],
    "Leh": ["Leh Ladakh"],
    "Jalore": ["Jalor"],
    "Chittorgarh": ["Chittaurgarh"],
    "Sri Ganganagar": ["Ganganagar"],
    "Hooghly": ["Hugli"],
    "Paschim Bardhaman": ["Asansol", "Durgapur", "West Bardhaman", "West Burdwan"],
    "Purba Bardhaman": ["East Bardhaman", "East Burdwan", "Bardhaman", "Burdwan"],
    "Purba Medinipur": ["East Midnapore", "Medinipur East"],
    "Paschim Medinipur": ["West Midnapore", "Medinipur West"],
    "North 24 Parganas": ["24 Parganas North", "North Twenty Four Parganas", "North 24 Pargana"],
    "South 24 Parganas": ["24 Parganas South", "South Twenty Four Parganas", "South 24 Pargana"],
    "Dakshin Dinajpur": ["South Dinajpur"],
    "Uttar Dinajpur": ["North Dinajpur"],
    "Cooch Behar": ["Koch Bihar", "Coochbehar"],
    "Malda": ["Maldah"],
    "Darjeeling": ["Siliguri"],
    "Nuh": ["Mewat"],
    "Mahendragarh": ["Narnaul"],
    "Yamunanagar": ["Yamuna Nagar"],
    "Sonipat": ["Sonepat"],
    "Jangaon": ["Jangoan"],
    "Medchal Malkajgiri": ["Medchal", "Malkajgiri"],
    "Yadadri Bhuvanagiri": ["Bhuvanagiri", "Yadadri"],
    "Kumuram Bheem Asifabad": ["Komaram Bheem", "Asifabad"],
    "Jayashankar Bhupalapally": ["Bhupalpally", "Jayashankar Bhupalpally"],
    "East Sikkim": ["Gangtok"],
    "North Sikkim": ["Mangan"],
    "South Sikkim": ["Namchi"],
    "West Sikkim": ["Gyalshing", "Geyzing"],
    "Ri Bhoi": ["Ri-Bhoi"],
    "Saiha": ["Siaha"],
    "Nicobar": ["Nicobars"],
    "South Andaman": ["Port Blair", "South Andamans"],
    "Chhota Udaipur": ["Chhotaudepur"],
    "Dahod": ["Dohad"],
    "Aravalli": ["Arvalli"],
    "Banaskantha": ["Banas Kantha"],
    "Sabarkantha": ["Sabar Kantha"],
    "Panchmahal": ["Panch Mahals", "Panchmahals"],
    "Lepa Rada": ["Leparada"],
    "South Salmara-Mankachar": ["South Salmara Mancachar"],
}
# One name for several districts: the bot asks which one is meant.
SHARED_ALIASES = {
    "Delhi": [
        "Central Delhi",
        "East Delhi",
        "New Delhi",
        "North Delhi",
        "North East Delhi",
        "North West Delhi",
        "Shahdara",
        "South Delhi",
        "South East Delhi",
        "South West Delhi",
        "West Delhi",
    ],
    "Bilaspur": ["Bilaspur (Chhattisgarh)", "Bilaspur (Himachal Pradesh)"],
    "Hamirpur": ["Hamirpur (Himachal Pradesh)", "Hamirpur (Uttar Pradesh)"],
    "Pratapgarh": ["Pratapgarh (Rajasthan)", "Pratapgarh (Uttar Pradesh)"],
    "Ladakh": ["Leh", "Kargil"],
    "Goa": ["North Goa", "South Goa"],
    "Godavari": ["East Godavari", "West Godavari"],
    "Champaran": ["Pashchim Champaran", "Purbi Champaran"],
    "Singhbhum": ["East Singhbhum", "West Singhbhum"],
    "Medinipur": ["Purba Medinipur", "Paschim Medinipur"],
    "Midnapore": ["Purba Medinipur", "Paschim Medinipur"],
    "Dinajpur": ["Dakshin Dinajpur", "Uttar Dinajpur"],
    "24 Parganas": ["North 24 Parganas", "South 24 Parganas"],
}


def proper(name: str) -> str:
    words = []
    for word in name.split(" "):
        words.append(word.lower() if word in ("AND", "OF") else word.title())
    return " ".join(words)


def native_names(extra_file: str | None) -> dict[str, list[str]]:
    """The native names of the current CSV, with those of `extra_file` added (no name twice)."""
    found: dict[str, list[str]] = {}
    if CURRENT.exists():
        with CURRENT.open(encoding="utf-8") as handle:
            for row in csv.DictReader(line for line in handle if not line.startswith("#")):
                found[row["district"]] = [n for n in (row.get("native_names") or "").split("|") if n]
    if extra_file:
        for district, names in json.loads(Path(extra_file).read_text(encoding="utf-8")).items():
            have = found.setdefault(district, [])
            have.extend(n for n in names if n not in have)
    return found


def main(out=sys.stdout, native_file: str | None = None) -> None:
    import indian_pincode

    data = indian_pincode._load()
    rows = []
    for district_idx, state_idx in data["district_pairs"]:
        pin_name, state = data["districts"][district_idx], data["states"][state_idx]
        name = NAMES.get((state, pin_name)) or proper(pin_name)
        state_name = proper(state).removeprefix("The ")
        rows.append([state_name, name, pin_name])
    names = [row[1] for row in rows]
    assert len(names) == len(set(names)), "display names must be unique"
    known = set(names)
    assert set(ALIASES) <= known, sorted(set(ALIASES) - known)
    shared = {}
    for alias, targets in SHARED_ALIASES.items():
        assert set(targets) <= known, (alias, sorted(set(targets) - known))
        for target in targets:
            shared.setdefault(target, []).append(alias)
    writer = csv.writer(out, lineterminator="\n")
    version = importlib.metadata.version("indian-pincode")
    out.write(f"# India's districts from indian-pincode {version} (data {data['version']}); see README.md\n")
    native = native_names(native_file)
    assert set(native) <= known, sorted(set(native) - known)
    writer.writerow(["state", "district", "pin_directory_name", "aliases", "native_names"])
    for state, name, pin_name in sorted(rows):
        aliases = "|".join([*ALIASES.get(name, []), *shared.get(name, [])])
        writer.writerow([state, name, pin_name, aliases, "|".join(native.get(name, []))])


if __name__ == "__main__":
    main(native_file=sys.argv[sys.argv.index("--native") + 1] if "--native" in sys.argv else None)
