import json, re, sys

def Q(text, value, low=None, high=None, approx=False, unit=None):
    return {"text": text, "value": value, "low": low, "high": high, "approximate": approx, "unit": unit}

def L(source, kind, cue):
    return {"source": source, "kind": kind, "cue": cue}

def C(part, text, chain=(), certainty="certain", polarity="positive", hedges=(), quantities=()):
    return {"part": part, "text": text, "chain": list(chain), "certainty": certainty,
            "polarity": polarity, "hedges": list(hedges), "quantities": list(quantities)}

B, T = "body", "title"
A = []

# ---------------------------------------------------------------- fr-01 economy
A.append(dict(
 id="ho-fr-01", language="fr", outlet="Le Courrier économique", url=None, published="2024-10-17",
 title="La BCE abaisse son taux de dépôt à 3,25 %",
 text="\n".join([
  "La Banque centrale européenne (BCE) a abaissé jeudi son taux de dépôt d'un quart de point, à 3,25 %, à l'issue de sa réunion de politique monétaire à Ljubljana.",
  "Selon la présidente de la BCE, Christine Lagarde, « le processus de désinflation est en bonne voie ». En France, l'inflation est retombée à 1,2 % sur un an en septembre, d'après les chiffres publiés par l'Insee.",
  "Plusieurs économistes s'attendent à une nouvelle baisse en décembre. « La croissance reste atone et le marché du travail commence à fléchir », estime Marc Tournier, économiste chez Natixis, qui table sur un taux de dépôt ramené à environ 2 % d'ici l'été prochain.",
  "La BCE n'a toutefois pris aucun engagement sur la suite. Il est impossible de savoir à ce stade si les droits de douane promis par Washington pèseront sur les prix européens, a reconnu Mme Lagarde lors de sa conférence de presse.",
  "Les marchés anticipent jusqu'à trois baisses supplémentaires d'ici juin, rapporte l'agence Bloomberg."]),
 claims=[
  C(T, "La BCE abaisse son taux de dépôt à 3,25 %", quantities=[Q("3,25 %", 3.25, unit="%")]),
  C(B, "La Banque centrale européenne (BCE) a abaissé jeudi son taux de dépôt d'un quart de point, à 3,25 %",
    quantities=[Q("un quart de point", 0.25, unit="point"), Q("3,25 %", 3.25, unit="%")]),
  C(B, "le processus de désinflation est en bonne voie", [L("Christine Lagarde", "person", "Selon")]),
  C(B, "En France, l'inflation est retombée à 1,2 % sur un an en septembre", [L("l'Insee", "government", "d'après")],
    quantities=[Q("1,2 %", 1.2, unit="%")]),
  C(B, "une nouvelle baisse en décembre", [L("Plusieurs économistes", "anonymous", "s'attendent à")], "probable",
    hedges=["s'attendent à"]),
  C(B, "La croissance reste atone et le marché du travail commence à fléchir", [L("Marc Tournier", "person", "estime")]),
  C(B, "un taux de dépôt ramené à environ 2 % d'ici l'été prochain", [L("Marc Tournier", "person", "table sur")], "probable",
    hedges=["table sur"], quantities=[Q("environ 2 %", 2, approx=True, unit="%")]),
  C(B, "La BCE n'a toutefois pris aucun engagement sur la suite", polarity="negative"),
  C(B, "Il est impossible de savoir à ce stade si les droits de douane promis par Washington pèseront sur les prix européens",
    [L("Mme Lagarde", "person", "a reconnu")], "unknown", hedges=["impossible de savoir"]),
  C(B, "jusqu'à trois baisses supplémentaires d'ici juin",
    [L("Bloomberg", "media", "rapporte"), L("Les marchés", "anonymous", "anticipent")], "probable",
    hedges=["anticipent"], quantities=[Q("jusqu'à trois baisses", 3, high=3, unit="baisse")]),
 ],
 headline={"verdict": "supported", "reasons": []}))

# ---------------------------------------------------------------- fr-02 health
A.append(dict(
 id="ho-fr-02", language="fr", outlet="La Gazette santé", url=None, published="2025-02-11",
 title="Bronchiolite : le nouveau traitement a évité près de 5 800 hospitalisations",
 text="\n".join([
  "Un anticorps administré aux nourrissons dès la naissance aurait permis d'éviter près de 5 800 hospitalisations pour bronchiolite lors de l'hiver dernier en France, selon une étude de Santé publique France publiée mardi.",
  "D'après l'agence, le traitement, le nirsevimab, pourrait réduire jusqu'à 80 % le risque d'hospitalisation chez les bébés de moins de six mois. « Ces résultats sont très encourageants, mais il faut les confirmer sur plusieurs saisons », a déclaré la pédiatre Claire Morel, qui a participé aux travaux.",
  "Plus de 200 000 doses ont été administrées entre septembre et février, indique le ministère de la Santé. Les autorités n'ont pas observé d'effet indésirable grave lié au produit, a précisé le ministère.",
  "Certains médecins restent prudents. Selon le syndicat MG France, cité par Le Quotidien du médecin, il est encore trop tôt pour savoir si l'immunité dure au-delà d'un hiver. Le coût du traitement, environ 400 euros par dose, pèserait par ailleurs lourdement sur l'Assurance maladie, estiment des économistes de la santé."]),
 claims=[
  C(T, "le nouveau traitement a évité près de 5 800 hospitalisations",
    quantities=[Q("près de 5 800 hospitalisations", 5800, approx=True, unit="hospitalisation")]),
  C(B, "Un anticorps administré aux nourrissons dès la naissance aurait permis d'éviter près de 5 800 hospitalisations pour bronchiolite lors de l'hiver dernier en France",
    [L("Santé publique France", "government", "selon")], "probable", hedges=["aurait"],
    quantities=[Q("près de 5 800 hospitalisations", 5800, approx=True, unit="hospitalisation")]),
  C(B, "le traitement, le nirsevimab, pourrait réduire jusqu'à 80 % le risque d'hospitalisation chez les bébés de moins de six mois",
    [L("Santé publique France", "government", "D'après")], "possible", hedges=["pourrait"],
    quantities=[Q("jusqu'à 80 %", 80, high=80, unit="%"), Q("moins de six mois", 6, high=6, unit="mois")]),
  C(B, "Ces résultats sont très encourageants, mais il faut les confirmer sur plusieurs saisons",
    [L("Claire Morel", "person", "a déclaré")]),
  C(B, "Plus de 200 000 doses ont été administrées entre septembre et février",
    [L("le ministère de la Santé", "government", "indique")],
    quantities=[Q("Plus de 200 000 doses", 200000, low=200000, unit="dose")]),
  C(B, "Les autorités n'ont pas observé d'effet indésirable grave lié au produit",
    [L("le ministère de la Santé", "government", "a précisé")], polarity="negative"),
  C(B, "il est encore trop tôt pour savoir si l'immunité dure au-delà d'un hiver",
    [L("Le Quotidien du médecin", "media", "cité par"), L("MG France", "organization", "Selon")], "unknown",
    hedges=["trop tôt pour savoir"], quantities=[Q("au-delà d'un hiver", 1, low=1, unit="hiver")]),
  C(B, "Le coût du traitement, environ 400 euros par dose, pèserait par ailleurs lourdement sur l'Assurance maladie",
    [L("des économistes de la santé", "anonymous", "estiment")], "probable", hedges=["pèserait"],
    quantities=[Q("environ 400 euros", 400, approx=True, unit="euro")]),
 ],
 headline={"verdict": "overstated", "reasons": ["certainty_upgrade", "source_dropped"]}))

# ---------------------------------------------------------------- fr-03 war
A.append(dict(
 id="ho-fr-03", language="fr", outlet="L'Écho de l'Est", url=None, published="2024-08-03",
 title="Ukraine : Kiev dit avoir abattu 29 drones russes dans la nuit",
 text="\n".join([
  "L'armée de l'air ukrainienne a affirmé samedi avoir abattu 29 des 31 drones lancés par la Russie dans la nuit, ainsi que deux missiles de croisière.",
  "Des débris sont tombés sur un immeuble résidentiel de Kharkiv, faisant au moins trois morts et une dizaine de blessés, a annoncé le gouverneur régional, Oleg Synegoubov, sur Telegram. Une fillette de 12 ans figurerait parmi les victimes, selon des médias locaux.",
  "Moscou n'a pas commenté ces frappes. Le ministère russe de la Défense a de son côté assuré avoir « détruit » 14 drones ukrainiens au-dessus de la région de Belgorod.",
  "D'après des sources militaires occidentales citées par le Financial Times, la Russie produirait désormais près de 2 000 drones d'attaque par mois, contre quelques centaines un an plus tôt. On ignore combien de ces appareils visent effectivement l'Ukraine.",
  "Le président Volodymyr Zelensky a de nouveau réclamé davantage de systèmes de défense antiaérienne. « Chaque nuit, nos villes sont visées », a-t-il écrit sur X."]),
 claims=[
  C(T, "avoir abattu 29 drones russes dans la nuit", [L("Kiev", "government", "dit")],
    quantities=[Q("29 drones", 29, unit="drone")]),
  C(B, "avoir abattu 29 des 31 drones lancés par la Russie dans la nuit, ainsi que deux missiles de croisière",
    [L("L'armée de l'air ukrainienne", "government", "a affirmé")],
    quantities=[Q("29", 29, unit="drone"), Q("31 drones", 31, unit="drone"), Q("deux missiles", 2, unit="missile")]),
  C(B, "Des débris sont tombés sur un immeuble résidentiel de Kharkiv, faisant au moins trois morts et une dizaine de blessés",
    [L("Oleg Synegoubov", "person", "a annoncé")],
    quantities=[Q("au moins trois morts", 3, low=3, unit="mort"), Q("une dizaine de blessés", 10, approx=True, unit="blessé")]),
  C(B, "Une fillette de 12 ans figurerait parmi les victimes", [L("des médias locaux", "media", "selon")], "probable",
    hedges=["figurerait"], quantities=[Q("12 ans", 12, unit="an")]),
  C(B, "Moscou n'a pas commenté ces frappes", polarity="negative"),
  C(B, "avoir « détruit » 14 drones ukrainiens au-dessus de la région de Belgorod",
    [L("Le ministère russe de la Défense", "government", "assuré")],
    quantities=[Q("14 drones", 14, unit="drone")]),
  C(B, "la Russie produirait désormais près de 2 000 drones d'attaque par mois, contre quelques centaines un an plus tôt",
    [L("le Financial Times", "media", "citées par"), L("des sources militaires occidentales", "anonymous", "D'après")],
    "probable", hedges=["produirait"], quantities=[Q("près de 2 000 drones", 2000, approx=True, unit="drone")]),
  C(B, "On ignore combien de ces appareils visent effectivement l'Ukraine", certainty="unknown", hedges=["On ignore"]),
  C(B, "Chaque nuit, nos villes sont visées", [L("Volodymyr Zelensky", "person", "a-t-il écrit")]),
 ],
 headline={"verdict": "supported", "reasons": []}))

# ---------------------------------------------------------------- fr-04 sport
A.append(dict(
 id="ho-fr-04", language="fr", outlet="Stade Info", url=None, published="2025-01-20",
 title="Mercato : le PSG aurait proposé 55 millions d'euros pour Rafael Mendes, selon L'Équipe",
 text="\n".join([
  "Le Paris Saint-Germain aurait formulé une offre de 55 millions d'euros, bonus compris, pour l'attaquant du Sporting Portugal Rafael Mendes, rapporte L'Équipe lundi. Le club lisboète en réclamerait au moins 70 millions d'euros, d'après le quotidien portugais Record.",
  "Âgé de 22 ans, Mendes a inscrit dix-huit buts en vingt-quatre matches cette saison. « Nous ne sommes pas vendeurs », a répété dimanche son entraîneur, Rui Fonseca, après la victoire de son équipe contre Braga.",
  "Le joueur, lui, souhaiterait rejoindre la Ligue 1, croient savoir plusieurs journalistes portugais. Son agent, Jorge Pinto, a toutefois démenti tout accord personnel avec Paris : « Il n'y a rien de signé », a-t-il déclaré.",
  "L'opération pourrait se conclure avant la fin du mercato, le 3 février, selon une source proche du dossier. Le PSG n'a pas souhaité commenter. Le club parisien a déjà dépensé environ 100 millions d'euros depuis l'été, selon le site spécialisé Transfermarkt."]),
 claims=[
  C(T, "le PSG aurait proposé 55 millions d'euros pour Rafael Mendes", [L("L'Équipe", "media", "selon")], "probable",
    hedges=["aurait"], quantities=[Q("55 millions d'euros", 55000000, unit="euro")]),
  C(B, "Le Paris Saint-Germain aurait formulé une offre de 55 millions d'euros, bonus compris, pour l'attaquant du Sporting Portugal Rafael Mendes",
    [L("L'Équipe", "media", "rapporte")], "probable", hedges=["aurait"],
    quantities=[Q("55 millions d'euros", 55000000, unit="euro")]),
  C(B, "Le club lisboète en réclamerait au moins 70 millions d'euros", [L("Record", "media", "d'après")], "probable",
    hedges=["réclamerait"], quantities=[Q("au moins 70 millions d'euros", 70000000, low=70000000, unit="euro")]),
  C(B, "Âgé de 22 ans, Mendes a inscrit dix-huit buts en vingt-quatre matches cette saison",
    quantities=[Q("22 ans", 22, unit="an"), Q("dix-huit buts", 18, unit="but"), Q("vingt-quatre matches", 24, unit="match")]),
  C(B, "Nous ne sommes pas vendeurs", [L("Rui Fonseca", "person", "a répété")], polarity="negative"),
  C(B, "Le joueur, lui, souhaiterait rejoindre la Ligue 1", [L("plusieurs journalistes portugais", "media", "croient savoir")],
    "probable", hedges=["souhaiterait", "croient savoir"]),
  C(B, "tout accord personnel avec Paris", [L("Jorge Pinto", "person", "démenti")], polarity="negative"),
  C(B, "Il n'y a rien de signé", [L("Jorge Pinto", "person", "a-t-il déclaré")], polarity="negative"),
  C(B, "L'opération pourrait se conclure avant la fin du mercato, le 3 février",
    [L("une source proche du dossier", "anonymous", "selon")], "possible", hedges=["pourrait"]),
  C(B, "Le PSG n'a pas souhaité commenter", polarity="negative"),
  C(B, "Le club parisien a déjà dépensé environ 100 millions d'euros depuis l'été", [L("Transfermarkt", "media", "selon")],
    quantities=[Q("environ 100 millions d'euros", 100000000, approx=True, unit="euro")]),
 ],
 headline={"verdict": "supported", "reasons": []}))

# ---------------------------------------------------------------- fr-05 justice
A.append(dict(
 id="ho-fr-05", language="fr", outlet="Ouest Matin", url=None, published="2024-11-26",
 title="Fraude à la TVA : 30 millions d'euros détournés par un réseau de garages",
 text="\n".join([
  "Six personnes ont été mises en examen vendredi à Rennes dans une vaste affaire de fraude à la TVA impliquant un réseau de garages automobiles, a indiqué le parquet dans un communiqué. Le préjudice pour l'État s'élève à 12 millions d'euros.",
  "Selon la procureure de la République, Hélène Marchal, les suspects auraient revendu entre 800 et 1 000 véhicules d'occasion importés d'Allemagne sans jamais reverser la taxe.",
  "D'après une source proche de l'enquête citée par Ouest-France, le principal suspect, un gérant de 41 ans, aurait transféré une partie des fonds vers Dubaï. Nul ne sait encore où se trouve l'essentiel de l'argent.",
  "L'avocat du gérant, Me Laurent Dufresne, conteste toute participation de son client à une fraude organisée. « Mon client n'a jamais eu l'intention de frauder le fisc », a-t-il affirmé à la sortie de l'audience.",
  "Les suspects encourent jusqu'à sept ans d'emprisonnement et 2 millions d'euros d'amende. Deux suspects ont été placés en détention provisoire."]),
 claims=[
  C(T, "30 millions d'euros détournés par un réseau de garages",
    quantities=[Q("30 millions d'euros", 30000000, unit="euro")]),
  C(B, "Six personnes ont été mises en examen vendredi à Rennes dans une vaste affaire de fraude à la TVA impliquant un réseau de garages automobiles",
    [L("le parquet", "government", "a indiqué")], quantities=[Q("Six personnes", 6, unit="personne")]),
  C(B, "Le préjudice pour l'État s'élève à 12 millions d'euros",
    quantities=[Q("12 millions d'euros", 12000000, unit="euro")]),
  C(B, "les suspects auraient revendu entre 800 et 1 000 véhicules d'occasion importés d'Allemagne sans jamais reverser la taxe",
    [L("Hélène Marchal", "person", "Selon")], "probable", hedges=["auraient"],
    quantities=[Q("entre 800 et 1 000 véhicules", None, low=800, high=1000, unit="véhicule")]),
  C(B, "le principal suspect, un gérant de 41 ans, aurait transféré une partie des fonds vers Dubaï",
    [L("Ouest-France", "media", "citée par"), L("une source proche de l'enquête", "anonymous", "D'après")],
    "probable", hedges=["aurait"], quantities=[Q("41 ans", 41, unit="an")]),
  C(B, "Nul ne sait encore où se trouve l'essentiel de l'argent", certainty="unknown", hedges=["Nul ne sait"]),
  C(B, "toute participation de son client à une fraude organisée", [L("Laurent Dufresne", "person", "conteste")],
    polarity="negative"),
  C(B, "Mon client n'a jamais eu l'intention de frauder le fisc", [L("Laurent Dufresne", "person", "a-t-il affirmé")],
    polarity="negative"),
  C(B, "Les suspects encourent jusqu'à sept ans d'emprisonnement et 2 millions d'euros d'amende",
    quantities=[Q("jusqu'à sept ans", 7, high=7, unit="an"), Q("2 millions d'euros", 2000000, unit="euro")]),
  C(B, "Deux suspects ont été placés en détention provisoire", quantities=[Q("Deux suspects", 2, unit="suspect")]),
 ],
 headline={"verdict": "overstated", "reasons": ["quantity_inflation"]}))

# ---------------------------------------------------------------- fr-06 science (no title)
A.append(dict(
 id="ho-fr-06", language="fr", outlet="Le Monde des sciences", url=None, published="2025-03-14",
 title=None,
 text="\n".join([
  "Le glacier de Thwaites, en Antarctique, perd environ 50 milliards de tonnes de glace chaque année, selon une étude de l'université de Cambridge publiée jeudi.",
  "Les chercheurs de Cambridge estiment que sa fonte pourrait à elle seule faire monter le niveau des océans de 65 centimètres si le glacier venait à disparaître entièrement. « Nous ne disons pas que cela arrivera demain, mais le processus semble désormais difficile à arrêter », a expliqué la glaciologue Anna Whitfield, coautrice de l'étude.",
  "D'après les mesures satellitaires, l'eau de mer chaude pénètre jusqu'à 6 kilomètres sous la plateforme de glace. Les modèles climatiques n'avaient pas anticipé ce phénomène. Plus de 40 % de la perte de masse observée depuis 2010 serait due à ce mécanisme.",
  "Reste une grande inconnue : on ne sait pas si l'effondrement se produira en quelques décennies ou en plusieurs siècles. Selon le Giec, le niveau moyen des mers a déjà augmenté d'une vingtaine de centimètres depuis 1900.",
  "La Nasa prévoit d'envoyer deux nouvelles missions d'observation polaire d'ici 2028."]),
 claims=[
  C(B, "Le glacier de Thwaites, en Antarctique, perd environ 50 milliards de tonnes de glace chaque année",
    [L("l'université de Cambridge", "organization", "selon")],
    quantities=[Q("environ 50 milliards de tonnes", 50000000000, approx=True, unit="tonne")]),
  C(B, "sa fonte pourrait à elle seule faire monter le niveau des océans de 65 centimètres si le glacier venait à disparaître entièrement",
    [L("chercheurs de Cambridge", "organization", "estiment")], "possible", hedges=["pourrait"],
    quantities=[Q("65 centimètres", 65, unit="centimètre")]),
  C(B, "Nous ne disons pas que cela arrivera demain", [L("Anna Whitfield", "person", "a expliqué")], polarity="negative"),
  C(B, "le processus semble désormais difficile à arrêter", [L("Anna Whitfield", "person", "a expliqué")], "probable",
    hedges=["semble"]),
  C(B, "l'eau de mer chaude pénètre jusqu'à 6 kilomètres sous la plateforme de glace",
    [L("les mesures satellitaires", "document", "D'après")],
    quantities=[Q("jusqu'à 6 kilomètres", 6, high=6, unit="kilomètre")]),
  C(B, "Les modèles climatiques n'avaient pas anticipé ce phénomène", polarity="negative"),
  C(B, "Plus de 40 % de la perte de masse observée depuis 2010 serait due à ce mécanisme", certainty="probable",
    hedges=["serait"], quantities=[Q("Plus de 40 %", 40, low=40, unit="%")]),
  C(B, "on ne sait pas si l'effondrement se produira en quelques décennies ou en plusieurs siècles", certainty="unknown",
    hedges=["on ne sait pas"]),
  C(B, "le niveau moyen des mers a déjà augmenté d'une vingtaine de centimètres depuis 1900",
    [L("le Giec", "organization", "Selon")],
    quantities=[Q("une vingtaine de centimètres", 20, approx=True, unit="centimètre")]),
  C(B, "La Nasa prévoit d'envoyer deux nouvelles missions d'observation polaire d'ici 2028",
    quantities=[Q("deux nouvelles missions", 2, unit="mission")]),
 ],
 headline=None))

# ---------------------------------------------------------------- en-01 economy
A.append(dict(
 id="ho-en-01", language="en", outlet="The Ledger Times", url=None, published="2025-01-17",
 title="UK retail sales fall 0.3% in December, ONS says",
 text="\n".join([
  "British retail sales fell by 0.3% in December, the Office for National Statistics said on Friday, as shoppers cut back on food and gifts after a stronger-than-expected November.",
  "Economists had expected a rise of about 0.4%. \"This is a weak end to the year for retailers,\" said Hannah Price, chief economist at the consultancy Capital Street, adding that higher energy bills had squeezed household budgets.",
  "Supermarket sales dropped for a third month in a row, while online spending rose to nearly 27% of all retail purchases, according to the ONS. Sales volumes were still 1.2% lower than before the pandemic.",
  "The Bank of England is expected to cut interest rates next week. Some analysts believe the central bank may move by as much as half a percentage point, though most think a quarter-point cut is more likely.",
  "It is unclear whether the government's planned increase in employer contributions, worth up to £25 billion a year, will push retailers to cut jobs. The British Retail Consortium has warned that more than 100,000 positions could be at risk."]),
 claims=[
  C(T, "UK retail sales fall 0.3% in December", [L("ONS", "government", "says")],
    quantities=[Q("0.3%", 0.3, unit="%")]),
  C(B, "British retail sales fell by 0.3% in December", [L("the Office for National Statistics", "government", "said")],
    quantities=[Q("0.3%", 0.3, unit="%")]),
  C(B, "a rise of about 0.4%", [L("Economists", "anonymous", "had expected")], "probable", hedges=["expected"],
    quantities=[Q("about 0.4%", 0.4, approx=True, unit="%")]),
  C(B, "This is a weak end to the year for retailers", [L("Hannah Price", "person", "said")]),
  C(B, "higher energy bills had squeezed household budgets", [L("Hannah Price", "person", "adding that")]),
  C(B, "Supermarket sales dropped for a third month in a row, while online spending rose to nearly 27% of all retail purchases",
    [L("the ONS", "government", "according to")], quantities=[Q("nearly 27%", 27, approx=True, unit="%")]),
  C(B, "Sales volumes were still 1.2% lower than before the pandemic", quantities=[Q("1.2%", 1.2, unit="%")]),
  C(B, "The Bank of England is expected to cut interest rates next week", certainty="probable", hedges=["expected"]),
  C(B, "the central bank may move by as much as half a percentage point", [L("Some analysts", "anonymous", "believe")],
    "possible", hedges=["believe", "may"],
    quantities=[Q("as much as half a percentage point", 0.5, high=0.5, unit="point")]),
  C(B, "a quarter-point cut is more likely", [L("most", "anonymous", "think")], "probable", hedges=["think", "likely"],
    quantities=[Q("a quarter-point", 0.25, unit="point")]),
  C(B, "It is unclear whether the government's planned increase in employer contributions, worth up to £25 billion a year, will push retailers to cut jobs",
    certainty="unknown", hedges=["unclear whether"],
    quantities=[Q("up to £25 billion", 25000000000, high=25000000000, unit="pound")]),
  C(B, "more than 100,000 positions could be at risk", [L("The British Retail Consortium", "organization", "has warned")],
    "possible", hedges=["could"], quantities=[Q("more than 100,000 positions", 100000, low=100000, unit="position")]),
 ],
 headline={"verdict": "supported", "reasons": []}))

# ---------------------------------------------------------------- en-02 health (no title)
A.append(dict(
 id="ho-en-02", language="en", outlet="Global Health Wire", url=None, published="2025-03-13",
 title=None,
 text="\n".join([
  "Measles cases in Europe and Central Asia reached 127,350 in 2024, the highest level since 1997, according to a joint report by the World Health Organization and UNICEF released on Thursday.",
  "Children under five accounted for more than 40% of the cases, the report found. More than half of the patients needed hospital care, and at least 38 people died, the agencies said.",
  "\"Measles is back, and it is a wake-up call,\" Hans Kluge, the WHO regional director for Europe, told reporters. He said vaccination rates had dropped in dozens of countries during the Covid-19 pandemic and had not fully recovered.",
  "Romania reportedly recorded the largest outbreak, with more than 30,000 infections. Health officials in Bucharest could not say whether the epidemic had peaked.",
  "The true number of cases is likely much higher, since many infections go unreported, according to independent epidemiologists quoted by the medical journal The Lancet. There is no evidence that the virus has become more contagious, said Maria Santos, an epidemiologist at the University of Lisbon.",
  "UNICEF said it planned to deliver 2.5 million vaccine doses to the region by March."]),
 claims=[
  C(B, "Measles cases in Europe and Central Asia reached 127,350 in 2024, the highest level since 1997",
    [L("the World Health Organization and UNICEF", "organization", "according to")],
    quantities=[Q("127,350", 127350, unit="case")]),
  C(B, "Children under five accounted for more than 40% of the cases", [L("the report", "document", "found")],
    quantities=[Q("under five", 5, high=5, unit="year"), Q("more than 40%", 40, low=40, unit="%")]),
  C(B, "More than half of the patients needed hospital care, and at least 38 people died",
    [L("the World Health Organization and UNICEF", "organization", "said")],
    quantities=[Q("More than half", 0.5, low=0.5, unit="patient"), Q("at least 38 people", 38, low=38, unit="person")]),
  C(B, "Measles is back, and it is a wake-up call", [L("Hans Kluge", "person", "told")]),
  C(B, "vaccination rates had dropped in dozens of countries during the Covid-19 pandemic and had not fully recovered",
    [L("Hans Kluge", "person", "said")]),
  C(B, "Romania reportedly recorded the largest outbreak, with more than 30,000 infections",
    [L("reportedly", "anonymous", "reportedly")], "probable", hedges=["reportedly"],
    quantities=[Q("more than 30,000 infections", 30000, low=30000, unit="infection")]),
  C(B, "the epidemic had peaked", [L("Health officials in Bucharest", "government", "could not say")], "unknown",
    hedges=["could not say whether"]),
  C(B, "The true number of cases is likely much higher, since many infections go unreported",
    [L("The Lancet", "media", "quoted by"), L("independent epidemiologists", "anonymous", "according to")],
    "probable", hedges=["likely"]),
  C(B, "There is no evidence that the virus has become more contagious", [L("Maria Santos", "person", "said")],
    polarity="negative"),
  C(B, "it planned to deliver 2.5 million vaccine doses to the region by March", [L("UNICEF", "organization", "said")],
    quantities=[Q("2.5 million vaccine doses", 2500000, unit="dose")]),
 ],
 headline=None))

# ---------------------------------------------------------------- en-03 war
A.append(dict(
 id="ho-en-03", language="en", outlet="The Northern Chronicle", url=None, published="2025-01-26",
 title="Paramilitary drones strike hospitals in Sudan's El Fasher",
 text="\n".join([
  "A drone strike hit the last functioning hospital in El Fasher, the capital of Sudan's North Darfur state, on Friday, killing at least 70 people, the Sudan Doctors Network said on Saturday.",
  "The group blamed the paramilitary Rapid Support Forces (RSF), which have besieged the city since May. The RSF did not respond to a request for comment and has previously denied targeting civilians.",
  "The World Health Organization said the attack had left about 300,000 people without access to surgery. \"Attacks on health care must stop,\" WHO chief Tedros Adhanom Ghebreyesus wrote on X.",
  "According to local activists cited by the BBC, the drone may have been launched from a base near the town of Mellit, some 60 kilometres to the north. It is not known how many patients were inside the building at the time.",
  "The war between the army and the RSF, which began in April 2023, has killed tens of thousands of people and displaced more than 11 million, according to United Nations figures. Aid agencies say famine has been confirmed in at least five areas."]),
 claims=[
  C(T, "Paramilitary drones strike hospitals in Sudan's El Fasher"),
  C(B, "A drone strike hit the last functioning hospital in El Fasher, the capital of Sudan's North Darfur state, on Friday, killing at least 70 people",
    [L("the Sudan Doctors Network", "organization", "said")],
    quantities=[Q("at least 70 people", 70, low=70, unit="person")]),
  C(B, "the paramilitary Rapid Support Forces (RSF)", [L("the Sudan Doctors Network", "organization", "blamed")]),
  C(B, "The RSF did not respond to a request for comment", polarity="negative"),
  C(B, "targeting civilians", [L("The RSF", "organization", "denied")], polarity="negative"),
  C(B, "the attack had left about 300,000 people without access to surgery",
    [L("The World Health Organization", "organization", "said")],
    quantities=[Q("about 300,000 people", 300000, approx=True, unit="person")]),
  C(B, "Attacks on health care must stop", [L("Tedros Adhanom Ghebreyesus", "person", "wrote")]),
  C(B, "the drone may have been launched from a base near the town of Mellit, some 60 kilometres to the north",
    [L("the BBC", "media", "cited by"), L("local activists", "anonymous", "According to")], "possible",
    hedges=["may"], quantities=[Q("some 60 kilometres", 60, approx=True, unit="kilometre")]),
  C(B, "It is not known how many patients were inside the building at the time", certainty="unknown",
    hedges=["It is not known"]),
  C(B, "The war between the army and the RSF, which began in April 2023, has killed tens of thousands of people and displaced more than 11 million",
    [L("United Nations", "organization", "according to")],
    quantities=[Q("more than 11 million", 11000000, low=11000000, unit="person")]),
  C(B, "famine has been confirmed in at least five areas", [L("Aid agencies", "anonymous", "say")],
    quantities=[Q("at least five areas", 5, low=5, unit="area")]),
 ],
 headline={"verdict": "overstated", "reasons": ["certainty_upgrade", "generalization", "source_dropped"]}))

# ---------------------------------------------------------------- en-04 sport / doping
A.append(dict(
 id="ho-en-04", language="en", outlet="Sportsdesk Daily", url=None, published="2025-02-15",
 title="Dutch cyclist Joris van Dam banned for two years",
 text="\n".join([
  "The Dutch cyclist Joris van Dam has been banned for two years after testing positive for a prohibited blood booster. The International Testing Agency announced the sanction on Thursday.",
  "Samples taken during the Tour de Suisse last June showed traces of EPO, the agency said. Van Dam insisted he had \"never knowingly taken a banned substance\", and his lawyer, Mark Ellison, said he will appeal to the Court of Arbitration for Sport.",
  "His team, Vortex-Alpine, said it had terminated his contract, which was reportedly worth up to €1.2 million a season. The team is thought to face a fine of between €50,000 and €100,000 under UCI rules.",
  "Van Dam may also be stripped of his stage win at the 2024 Vuelta, a decision the UCI is expected to take within weeks. Cycling's governing body said nearly 15,000 tests had been carried out last year, with fewer than 1% returning an adverse finding.",
  "It was unclear whether other riders from the team would be investigated. \"We have no indication that anyone else was involved,\" team manager Pieter Bosman said."]),
 claims=[
  C(T, "Dutch cyclist Joris van Dam banned for two years", quantities=[Q("two years", 2, unit="year")]),
  C(B, "The Dutch cyclist Joris van Dam has been banned for two years after testing positive for a prohibited blood booster",
    quantities=[Q("two years", 2, unit="year")]),
  C(B, "the sanction", [L("The International Testing Agency", "organization", "announced")]),
  C(B, "Samples taken during the Tour de Suisse last June showed traces of EPO",
    [L("International Testing Agency", "organization", "said")]),
  C(B, "never knowingly taken a banned substance", [L("Joris van Dam", "person", "insisted")], polarity="negative"),
  C(B, "he will appeal to the Court of Arbitration for Sport", [L("Mark Ellison", "person", "said")]),
  C(B, "it had terminated his contract", [L("Vortex-Alpine", "organization", "said")]),
  C(B, "which was reportedly worth up to €1.2 million a season", [L("reportedly", "anonymous", "reportedly")],
    "probable", hedges=["reportedly"],
    quantities=[Q("up to €1.2 million", 1200000, high=1200000, unit="euro")]),
  C(B, "The team is thought to face a fine of between €50,000 and €100,000 under UCI rules",
    [L("is thought", "anonymous", "is thought")], "probable", hedges=["is thought"],
    quantities=[Q("between €50,000 and €100,000", None, low=50000, high=100000, unit="euro")]),
  C(B, "Van Dam may also be stripped of his stage win at the 2024 Vuelta", certainty="possible", hedges=["may"]),
  C(B, "a decision the UCI is expected to take within weeks", certainty="probable", hedges=["expected"]),
  C(B, "nearly 15,000 tests had been carried out last year, with fewer than 1% returning an adverse finding",
    [L("UCI", "organization", "said")],
    quantities=[Q("nearly 15,000 tests", 15000, approx=True, unit="test"), Q("fewer than 1%", 1, high=1, unit="%")]),
  C(B, "It was unclear whether other riders from the team would be investigated", certainty="unknown",
    hedges=["unclear whether"]),
  C(B, "We have no indication that anyone else was involved", [L("Pieter Bosman", "person", "said")],
    polarity="negative"),
 ],
 headline={"verdict": "supported", "reasons": []}))

# ---------------------------------------------------------------- checks
ok = True
for a in A:
    words = len(re.findall(r"\w+", a["text"]))
    print(a["id"], a["language"], "words", words, "claims", len(a["claims"]),
          "qty", sum(len(c["quantities"]) for c in a["claims"]))
    if not 120 <= words <= 250: print("  WORDCOUNT out of range"); ok = False
    for c in a["claims"]:
        part = a["title"] if c["part"] == "title" else a["text"]
        n = part.count(c["text"])
        if n != 1: print("  CLAIM occurs", n, "times:", c["text"]); ok = False
        for q in c["quantities"]:
            if q["text"] not in c["text"]: print("  QTY not in claim:", q["text"]); ok = False
        for h in c["hedges"]:
            if h not in part: print("  HEDGE not in part:", h); ok = False
        for l in c["chain"]:
            if l["cue"] not in part: print("  CUE not in part:", l["cue"], "|", c["text"]); ok = False
            if l["source"] not in part: print("  (source resolved, not verbatim):", l["source"])
            assert l["kind"] in {"person","media","government","organization","document","anonymous"}
        assert c["certainty"] in {"certain","probable","possible","unknown"}
        assert (c["certainty"] == "certain") == (not c["hedges"]), c
if not ok: sys.exit(1)
with open(sys.argv[1], "w") as f:
    for a in A: f.write(json.dumps(a, ensure_ascii=False) + "\n")
print("wrote", len(A))
