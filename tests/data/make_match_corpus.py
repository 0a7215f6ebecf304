#!/usr/bin/env python3
"""Writes match_corpus.tsv: labelled name pairs for the matcher (KIND, LABEL, NAME_A, NAME_B).

LABEL 1 = the same person's name, 0 = a different name. Positives are the same name written in
another script, orthography or order, or with a typo; negatives are the traps of the region.
The transliteration tables here are written independently of the C++ matcher. Seeded: running
it again gives the same file. The hand-written pairs at the end are kept as they are.
"""
import random

rng = random.Random(12)

CYR = [("Lj", "Љ"), ("lj", "љ"), ("Nj", "Њ"), ("nj", "њ"), ("Dž", "Џ"), ("dž", "џ"), ("Đ", "Ђ"), ("đ", "ђ"),
       ("Ć", "Ћ"), ("ć", "ћ"), ("Č", "Ч"), ("č", "ч"), ("Š", "Ш"), ("š", "ш"), ("Ž", "Ж"), ("ž", "ж")]
CYR += list(zip("ABVGDEZIJKLMNOPRSTUFHCabvgdezijklmnoprstufhc", "АБВГДЕЗИЈКЛМНОПРСТУФХЦабвгдезијклмнопрстуфхц"))
MK_CYR = [("Gj", "Ѓ"), ("gj", "ѓ"), ("Kj", "Ќ"), ("kj", "ќ"), ("Dz", "Ѕ"), ("dz", "ѕ")] + CYR
ASCII = [("Đ", "Dj"), ("đ", "dj"), ("Ć", "C"), ("ć", "c"), ("Č", "C"), ("č", "c"), ("Š", "S"), ("š", "s"),
         ("Ž", "Z"), ("ž", "z"), ("Ç", "C"), ("ç", "c"), ("Ë", "E"), ("ë", "e")]
SQ_TO_SR = [("Xh", "Dž"), ("xh", "dž"), ("Gj", "Đ"), ("gj", "đ"), ("Sh", "Š"), ("sh", "š"), ("Zh", "Ž"), ("zh", "ž"),
            ("Dh", "D"), ("dh", "d"), ("Th", "T"), ("th", "t"), ("ll", "l"), ("rr", "r"), ("Ç", "Č"), ("ç", "č"),
            ("Q", "Ć"), ("q", "ć"), ("ë", "e"), ("Y", "I"), ("y", "i")]


def sub(text, table):
    out, i = "", 0
    while i < len(text):
        for a, b in table:
            if text.startswith(a, i):
                out += b
                i += len(a)
                break
        else:
            out += text[i]
            i += 1
    return out


GIVEN_SR = ["Marko", "Nikola", "Stefan", "Miloš", "Đorđe", "Dušan", "Željko", "Srđan", "Ljubomir", "Njegoslav",
            "Jelena", "Milica", "Snežana", "Ljiljana", "Nataša", "Dragan", "Zoran", "Predrag", "Vuk", "Radoš"]
SURN_SR = ["Šćepanović", "Petrović", "Đorđević", "Jovanović", "Nikolić", "Marković", "Ilić", "Živković", "Stojanović",
           "Radosavljević", "Đukić", "Čolović", "Kneževič", "Pavlović", "Lazarević", "Vučković", "Mitrović", "Tomić",
           "Šaranović", "Vujošević", "Đurišić", "Bulatović", "Čađenović", "Žugić", "Nedeljković"]
GIVEN_MK = ["Gjorgji", "Trajče", "Blagoja", "Kiril", "Zlatko", "Kjiro", "Dzvonko", "Biljana", "Katerina", "Vesna"]
SURN_MK = ["Trajkovski", "Gjorgjievski", "Stojanovski", "Nikolovska", "Dimitrievski", "Petrovski", "Janevski",
           "Kostovski", "Ristovska", "Angelovski", "Mitreski", "Dzeparoski"]
GIVEN_SQ = ["Xhemajl", "Qazim", "Shpend", "Bekim", "Fatmir", "Gjergj", "Lulëzim", "Arbër", "Xhevdet", "Zhaneta",
            "Besnik", "Agim", "Driton", "Valbona", "Drita", "Ylber", "Dhurata", "Thanas", "Bardhyl", "Mërgim"]
SURN_SQ = ["Hoxha", "Krasniqi", "Thaçi", "Rexhepi", "Xhaferi", "Çeku", "Shala", "Bytyqi", "Zeqiri", "Gjoka",
           "Haxhiu", "Dervishi", "Shehu", "Muça", "Kryeziu", "Qerimi", "Hyseni", "Gjini", "Berisha", "Rrahmani"]
GIVEN_BA = ["Đulsa", "Hadžija", "Mirsad", "Emir", "Džemal", "Senad", "Ajla", "Edin", "Mujo", "Šefik"]
SURN_BA = ["Hadžić", "Đulić", "Džeko", "Mehmedović", "Begić", "Čaušević", "Hodžić", "Šehović", "Bašić", "Ćatić"]


def typo(word):
    """A typo inside the word: never the first or last letter."""
    if len(word) < 6:
        return word
    i = rng.randrange(1, len(word) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 1:
        return word[:i] + word[i + 1:]
    return word[:i] + rng.choice("aeiourn") + word[i + 1:]


def pairs():
    out = []
    def add(kind, label, a, b):
        out.append((kind, label, a, b))
    for _ in range(60):
        g, s = rng.choice(GIVEN_SR), rng.choice(SURN_SR)
        add("cyrillic-latin", 1, sub(f"{s} {g}", CYR), f"{s} {g}")
        add("latin-ascii", 1, f"{g} {s}", sub(f"{s} {g}", ASCII).upper())
        add("cyrillic-ascii", 1, sub(f"{g} {s}", CYR), sub(f"{g} {s}", ASCII).upper())
    for _ in range(50):
        g, s = rng.choice(GIVEN_SQ), rng.choice(SURN_SQ)
        add("albanian-serbian", 1, f"{g} {s}", sub(f"{g} {s}", SQ_TO_SR))
        add("albanian-cyrillic", 1, f"{s} {g}", sub(sub(f"{g} {s}", SQ_TO_SR), CYR))
    for _ in range(30):
        g, s = rng.choice(GIVEN_MK), rng.choice(SURN_MK)
        add("macedonian", 1, sub(f"{g} {s}", MK_CYR), f"{s} {g}".upper())
    for _ in range(30):
        g, s = rng.choice(GIVEN_BA), rng.choice(SURN_BA)
        add("bosnian-croatian", 1, f"{g} {s}", sub(f"{g} {s}", ASCII))
    for _ in range(30):
        g, s = rng.choice(GIVEN_SR + GIVEN_SQ), rng.choice(SURN_SR + SURN_SQ)
        add("order", 1, f"{g} {s}", f"{s.upper()}, {g.upper()}")
        s2 = rng.choice(SURN_SR)
        add("double-surname", 1, f"{g} {s}-{s2}", f"{s} {g}")
        g2 = rng.choice(GIVEN_SR)
        add("middle-name", 1, f"{g} {g2} {s}", f"{s} {g}")
    for _ in range(50):
        g, s = rng.choice(GIVEN_SR + GIVEN_SQ + GIVEN_BA), rng.choice(SURN_SR + SURN_SQ + SURN_BA)
        a = sub(f"{g} {s}", ASCII)
        t = typo(sub(s, ASCII))
        if t != sub(s, ASCII):
            add("typo", 1, f"{g} {s}", f"{sub(g, ASCII)} {t}")
    negatives(add)
    return out


MALE_TO_FEMALE = ["Ivan", "Jovan", "Dragan", "Milan", "Bojan", "Dejan", "Zoran", "Goran", "Stefan", "Nenad", "Branislav",
                  "Srđan", "Dušan", "Mirsad", "Senad", "Emir", "Zlatan", "Petar", "Radovan", "Vladan"]
FEMALE = {"Petar": "Petra"}


def negatives(add):
    """Generated hard negatives: the same shapes as the hand-written traps, other names."""
    for _ in range(40):
        g, s = rng.choice(GIVEN_SR), rng.choice([x for x in SURN_SR if x.endswith("ović") or x.endswith("ević")])
        other = s[:-4] + rng.choice(["ovski", "evski", "ov", "ev", "ovska"])
        add("trap-suffix", 0, f"{g} {s}", rng.choice([f"{g} {other}", sub(f"{other} {g}", ASCII).upper()]))
    for _ in range(40):
        m, s = rng.choice(MALE_TO_FEMALE), rng.choice(SURN_SR + SURN_BA)
        f = FEMALE.get(m, m + "a")
        add("trap-gender", 0, f"{m} {s}", rng.choice([f"{f} {s}", sub(f"{s} {f}", CYR)]))
    for _ in range(30):
        g, s = rng.choice(GIVEN_SQ), rng.choice([x for x in SURN_SQ if x.endswith("a") or x.endswith("i")])
        add("trap-albanian", 0, f"{g} {s}", f"{g} {s[:-1]}aj" if s.endswith("i") else f"{g} {s}j")
    roots = ["Jovan", "Petr", "Marko", "Nikol", "Stefan", "Pavl", "Lazar", "Ivan", "Milos", "Rad", "Tom", "Luk"]
    for _ in range(30):
        a, b = rng.sample(roots, 2)
        ga, gb = a if a[-1] in "aeiou" or a in ("Jovan", "Stefan", "Lazar", "Ivan") else a + "e", b
        add("trap-swap", 0, f"{ga} {b}ović", f"{gb if b[-1] in 'aeiou' or b in ('Jovan', 'Stefan', 'Lazar', 'Ivan') else b + 'e'} {a}ović")
    for _ in range(40):
        s = rng.choice(SURN_SR + SURN_SQ + SURN_BA)
        g1, g2 = rng.sample(GIVEN_SR + GIVEN_SQ + GIVEN_BA, 2)
        add("different-given", 0, f"{g1} {s}", f"{g2} {s}")
    for _ in range(40):
        g = rng.choice(GIVEN_SR + GIVEN_SQ + GIVEN_BA)
        s1, s2 = rng.sample(SURN_SR + SURN_SQ + SURN_BA, 2)
        add("different-surname", 0, f"{g} {s1}", sub(f"{s2} {g}", rng.choice([ASCII, CYR])))


HAND = """
trap-suffix	0	Marko Petrović	Marko Petrovski
trap-suffix	0	Petrović	Petrovski
trap-suffix	0	Nikola Stojanović	Nikola Stojanovski
trap-suffix	0	Zoran Janković	Zoran Jankovski
trap-suffix	0	Dragan Nikolić	Dragan Nikolov
trap-suffix	0	Goran Ristić	Goran Ristovski
trap-suffix	0	Ivan Kostić	Ivan Kostov
trap-suffix	0	Milan Jovanović	Milan Jovanovski
trap-suffix	0	Stefan Dimitrijević	Stefan Dimitrievski
trap-suffix	0	Ana Petrović	Ana Petrovska
trap-suffix	0	Vesna Trajković	Vesna Trajkovska
trap-suffix	0	Zlatko Angelović	Zlatko Angelovski
trap-gender	0	Ivan Horvat	Ivana Horvat
trap-gender	0	Ivan	Ivana
trap-gender	0	Jovan Ilić	Jovana Ilić
trap-gender	0	Dragan Marić	Dragana Marić
trap-gender	0	Petar Šimić	Petra Šimić
trap-gender	0	Milan Babić	Milana Babić
trap-gender	0	Dejan Kovač	Dejana Kovač
trap-gender	0	Nikolovski Trajče	Nikolovska Trajče
trap-gender	0	Bojan Perić	Bojana Perić
trap-gender	0	Zoran Lukić	Zorana Lukić
trap-gender	0	Goran Vidić	Gorana Vidić
trap-gender	0	Branko Kos	Branka Kos
trap-infix	0	Nikola Marković	Nikola Marinković
trap-infix	0	Marković	Marinković
trap-infix	0	Ivan Nikolić	Ivan Nikolović
trap-infix	0	Jovan Petrović	Jovan Petronijević
trap-infix	0	Marko Stojković	Marko Stojanković
trap-infix	0	Milan Janković	Milan Jankulović
trap-infix	0	Dušan Radović	Dušan Radovanović
trap-infix	0	Petar Jovanić	Petar Jovanović
trap-infix	0	Zoran Milić	Zoran Milošević
trap-infix	0	Goran Pavić	Goran Pavlović
trap-swap	0	Jovan Petrović	Petar Jovanović
trap-swap	0	Marko Nikolić	Nikola Marković
trap-swap	0	Stefan Pavlović	Pavle Stefanović
trap-swap	0	Ivan Lazarević	Lazar Ivanović
trap-swap	0	Đorđe Milošević	Miloš Đorđević
trap-swap	0	Petar Simić	Sima Petrović
trap-swap	0	Jovan Marković	Marko Jovanović
trap-swap	0	Nikola Stefanović	Stefan Nikolić
trap-albanian	0	Xhemajl Hoxha	Xhemajl Hoxhaj
trap-albanian	0	Hoxha	Hoxhaj
trap-albanian	0	Agim Berisha	Agim Berishaj
trap-albanian	0	Bekim Shala	Bekim Shalaj
trap-albanian	0	Driton Lima	Driton Limaj
trap-albanian	0	Besnik Gashi	Besnik Gashaj
trap-albanian	0	Arben Dema	Arben Demaj
trap-albanian	0	Ylber Hysa	Ylber Hysaj
trap-albanian	0	Fatmir Leka	Fatmir Lekaj
trap-albanian	0	Valon Krasniqi	Valon Krasniqaj
different-given	0	Goran Ilić	Zoran Ilić
different-given	0	Milan Petrović	Miloš Petrović
different-given	0	Marko Šćepanović	Darko Šćepanović
different-given	0	Dragan Jović	Dragana Jović
different-given	0	Arben Krasniqi	Arbër Krasniqi
different-given	0	Ana Kovač	Ina Kovač
different-given	0	Dejan Nikolić	Dean Nikolić
different-given	0	Nenad Marić	Nenada Marić
different-given	0	Bekim Hoxha	Besim Hoxha
different-given	0	Mirsad Begić	Mirza Begić
different-given	0	Edin Hadžić	Emin Hadžić
different-given	0	Senad Bašić	Senada Bašić
different-surname	0	Marko Jovanović	Marko Janković
different-surname	0	Nikola Ilić	Nikola Ivić
different-surname	0	Milica Perić	Milica Pejić
different-surname	0	Agim Shala	Agim Shehu
different-surname	0	Stefan Babić	Stefan Bobić
different-surname	0	Ivan Horvat	Ivan Horvatić
different-surname	0	Goran Tomić	Goran Tomašević
different-surname	0	Zoran Lukić	Zoran Lučić
different-surname	0	Drita Gjoka	Drita Gjini
different-surname	0	Kiril Trajkovski	Kiril Trajanovski
single-token	0	Hoxha	Xhemajl Hoxha
single-token	0	Petrović	Marko Petrović
albanian-serbian	1	Xhemajl Hoxha	Džemajl Hodža
albanian-serbian	1	Xhemajl Hoxha	Џемајл Хоџа
albanian-serbian	1	Qazim Rexhepi	Ćazim Redžepi
albanian-serbian	1	Gjergj Gjoka	Đerđ Đoka
albanian-serbian	1	Lulëzim Berisha	Lulzim Beriša
cyrillic-latin	1	Шћепановић	Šćepanović
latin-ascii	1	Šćepanović	SCEPANOVIC
cyrillic-ascii	1	Шћепановић	SCEPANOVIC
bosnian-croatian	1	Đorđe Đorđević	Dorde Dordevic
bosnian-croatian	1	Đorđe Đorđević	DJORDJE DJORDJEVIC
macedonian	1	Ѓорѓи Трајковски	Gjorgji Trajkovski
macedonian	1	Ѓорѓи Трајковски	Đorđi Trajkovski
transcription	1	Dušan Petrović	Dushan Petrovich
transcription	1	Mihajlo Đukić	Mihailo Djukic
transcription	1	Marija Šćepanović	Maria Scepanovic
transcription	1	Jusuf Hadžić	Yusuf Hadzic
transcription	1	Aleksandar Vučić	Alexandar Vucic
transcription	1	Џемаил Хоџа	Dzhemail Khodzha
transcription	1	Đorđe Petrović	Georgije Petrović
transcription	1	Slobodan Milošević	Slobodan Milosevitch
transcription	1	Ljubiša Stanković	Lyubisha Stankovic
order	1	Petrović Njegoš Marija	Marija Petrović
typo	1	Radosavljević Nebojša	Radosavlejvic Nebojsa
typo	1	Vujošević Milorad	Vujosevic Miloard
typo	1	Mehmedović Emir	Mehmdovic Emir
typo	1	Krasniqi Shpend	Krasnqi Shpend
different-given	0	Aleksandar Vučić	Andrej Vučić
different-given	0	Jelena Ilić	Jovana Ilić
different-surname	0	Milorad Dodik	Milorad Dodić
different-surname	0	Emir Hadžić	Emir Hodžić
different-surname	0	Besnik Gashi	Besnik Gjini
trap-infix	0	Vesna Ilić	Vesna Ilijić
trap-gender	0	Aleksandar Jovanović	Aleksandra Jovanović
trap-suffix	0	Igor Dimitrov	Igor Dimitrovski
"""


def main():
    rows = pairs()
    seen = set()
    lines = ["# kind\tlabel\tname_a\tname_b  (label 1 = same person's name; generated by make_match_corpus.py)"]
    for kind, label, a, b in rows:
        if (a, b) in seen:
            continue
        seen.add((a, b))
        lines.append(f"{kind}\t{label}\t{a}\t{b}")
    for line in HAND.strip().splitlines():
        lines.append(line)
    with open(__file__.replace("make_match_corpus.py", "match_corpus.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
