/*
 * tables.c -- the word lists of the keyword planner
 *
 * Every pattern is written folded: lower case, accents removed ("analisis
 * de sentimiento" matches "Análisis de Sentimiento").  Words are separated
 * by single spaces; a word ending in '*' matches any word it begins.
 * ads-plan(1) documents these tables; change both together.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/util.h"
#include "plan.h"

const char *const plan_task_names[NTASK] = {
	"sentiment-analysis", "text-classification", "question-answering",
	"summarization", "named-entity-recognition", "translation",
	"dialogue", "code", "language-modeling"
};

/*
 * The task of plan format version 2: the Hugging Face task_categories
 * id, the default subtask (task_ids id, NULL for none) and the output
 * columns (ads-plan(5)).
 */
const char *const plan_task_v2[NTASK] = {
	"text-classification", "text-classification", "question-answering",
	"summarization", "token-classification", "translation",
	"conversational", "code", "text-generation"
};
const char *const plan_task_subtask[NTASK] = {
	"sentiment-classification", "topic-classification", "extractive-qa",
	NULL, "named-entity-recognition", NULL, "dialogue-modeling", NULL,
	"language-modeling"
};
const char *const plan_task_columns[NTASK] = {
	"text label", "text label", "question context answer",
	"document summary", "tokens tags", "translation", "messages",
	"prompt code", "text"
};

/* The task as words for search engines. */
const char *const plan_task_phrase[NTASK] = {
	"sentiment analysis", "text classification", "question answering",
	"summarization", "named entity recognition", "machine translation",
	"dialogue", "source code", "language model"
};

/* Hugging Face task_categories value for each task. */
const char *const plan_task_hf[NTASK] = {
	"text-classification", "text-classification", "question-answering",
	"summarization", "token-classification", "translation",
	"text-generation", "text-generation", "text-generation"
};

/* arXiv categories every plan for the task searches. */
const char *const plan_task_cats[NTASK] = {
	"cs.CL", "cs.CL", "cs.CL", "cs.CL", "cs.CL", "cs.CL", "cs.CL",
	"cs.SE", "cs.CL"
};

/*
 * Task wording in English, Spanish, German, French and Portuguese.  A
 * match scores the number of its words; the best score wins, and ties go
 * to the task listed first in enum plan_task.  PLAN_KEEP marks wording
 * that also names the topic ("hate speech", "docstrings"): its words
 * stay keywords.
 */
const struct plan_pat plan_task_pats[] = {
	/* sentiment-analysis */
	{ "sentiment*", TASK_SENTIMENT },
	{ "sentimient*", TASK_SENTIMENT },
	{ "analisis de sentimiento*", TASK_SENTIMENT },
	{ "analise de sentimento*", TASK_SENTIMENT },
	{ "analyse de sentiment*", TASK_SENTIMENT },
	{ "analyse des sentiments", TASK_SENTIMENT },
	{ "stimmung*", TASK_SENTIMENT },
	{ "opinion mining", TASK_SENTIMENT | PLAN_KEEP },
	{ "opinion*", TASK_SENTIMENT },
	{ "opiniao", TASK_SENTIMENT },
	{ "opinioes", TASK_SENTIMENT },
	{ "meinung*", TASK_SENTIMENT },
	{ "polarit*", TASK_SENTIMENT },
	{ "polarid*", TASK_SENTIMENT },
	{ "emotion*", TASK_CLASSIFICATION | PLAN_KEEP },
	{ "emocion*", TASK_CLASSIFICATION | PLAN_KEEP },
	{ "emocoes", TASK_CLASSIFICATION | PLAN_KEEP },
	{ "emocao", TASK_CLASSIFICATION | PLAN_KEEP },
	{ "gefuhl*", TASK_CLASSIFICATION | PLAN_KEEP },
	{ "positive or negative", TASK_SENTIMENT },
	{ "emotion recognition", TASK_CLASSIFICATION | PLAN_KEEP },
	{ "emotion detection", TASK_CLASSIFICATION | PLAN_KEEP },
	{ "emotion classification", TASK_CLASSIFICATION | PLAN_KEEP },
	{ "deteccion de emociones", TASK_CLASSIFICATION | PLAN_KEEP },
	{ "stance detection", TASK_CLASSIFICATION },
	{ "positive negative", TASK_SENTIMENT },
	/* text-classification */
	{ "classif*", TASK_CLASSIFICATION },
	{ "clasif*", TASK_CLASSIFICATION },
	{ "klassifi*", TASK_CLASSIFICATION },
	{ "categori*", TASK_CLASSIFICATION },
	{ "kategori*", TASK_CLASSIFICATION },
	{ "text classification", TASK_CLASSIFICATION },
	{ "topic classification", TASK_CLASSIFICATION },
	{ "spam", TASK_CLASSIFICATION | PLAN_KEEP },
	{ "toxic*", TASK_CLASSIFICATION | PLAN_KEEP },
	{ "toxiz*", TASK_CLASSIFICATION | PLAN_KEEP },
	{ "hate speech", TASK_CLASSIFICATION | PLAN_KEEP },
	{ "discurso de odio", TASK_CLASSIFICATION | PLAN_KEEP },
	{ "hassrede", TASK_CLASSIFICATION | PLAN_KEEP },
	{ "fake news", TASK_CLASSIFICATION | PLAN_KEEP },
	{ "intent detection", TASK_CLASSIFICATION },
	{ "topic model*", TASK_CLASSIFICATION },
	{ "intent classification", TASK_CLASSIFICATION },
	{ "sarcas*", TASK_CLASSIFICATION | PLAN_KEEP },
	{ "irony", TASK_CLASSIFICATION | PLAN_KEEP },
	{ "ironi*", TASK_CLASSIFICATION | PLAN_KEEP },
	{ "detect*", TASK_CLASSIFICATION },
	{ "deteccion", TASK_CLASSIFICATION },
	{ "erkennung", TASK_CLASSIFICATION },
	{ "labeled", TASK_CLASSIFICATION },
	{ "labelled", TASK_CLASSIFICATION },
	{ "etiquetad*", TASK_CLASSIFICATION },
	{ "star rating*", TASK_CLASSIFICATION },
	{ "rating prediction", TASK_CLASSIFICATION },
	{ "rating*", TASK_CLASSIFICATION },
	{ "rated", TASK_CLASSIFICATION },
	{ "intent*", TASK_CLASSIFICATION },
	{ "natural language inference", TASK_CLASSIFICATION },
	{ "inference", TASK_CLASSIFICATION },
	{ "identification", TASK_CLASSIFICATION },
	{ "langid", TASK_CLASSIFICATION },
	{ "analisi del sentiment*", TASK_SENTIMENT },
	{ "nli", TASK_CLASSIFICATION },
	{ "entailment", TASK_CLASSIFICATION },
	{ "klassifizier*", TASK_CLASSIFICATION },
	{ "classer", TASK_CLASSIFICATION },
	{ "etichett*", TASK_CLASSIFICATION },
	{ "classificazione", TASK_CLASSIFICATION },
	/* question-answering */
	{ "question answering", TASK_QA },
	{ "question* and answer*", TASK_QA },
	{ "question* answer*", TASK_QA },
	{ "question*", TASK_QA },
	{ "qa", TASK_QA },
	{ "q a", TASK_QA },
	{ "faq*", TASK_QA | PLAN_KEEP },
	{ "trivia", TASK_QA | PLAN_KEEP },
	{ "quiz*", TASK_QA },
	{ "pregunta* y respuesta*", TASK_QA },
	{ "pregunta*", TASK_QA },
	{ "frage* und antwort*", TASK_QA },
	{ "frage* antwort*", TASK_QA },
	{ "frage*", TASK_QA },
	{ "question* reponse*", TASK_QA },
	{ "questions et reponses", TASK_QA },
	{ "pergunta* e resposta*", TASK_QA },
	{ "pergunta*", TASK_QA },
	{ "domand* e rispost*", TASK_QA },
	{ "domand*", TASK_QA },
	/* summarization */
	{ "summar*", TASK_SUMMARIZATION },
	{ "summaris*", TASK_SUMMARIZATION },
	{ "resumen*", TASK_SUMMARIZATION },
	{ "resumir", TASK_SUMMARIZATION },
	{ "resumo*", TASK_SUMMARIZATION },
	{ "sumariza*", TASK_SUMMARIZATION },
	{ "zusammenfass*", TASK_SUMMARIZATION },
	{ "resume automatique", TASK_SUMMARIZATION },
	{ "resumes automatiques", TASK_SUMMARIZATION },
	{ "resumer", TASK_SUMMARIZATION },
	{ "resume d", TASK_SUMMARIZATION },
	{ "resumes d", TASK_SUMMARIZATION },
	{ "resume de*", TASK_SUMMARIZATION },
	{ "resumes de*", TASK_SUMMARIZATION },
	{ "tl dr", TASK_SUMMARIZATION },
	{ "riassunt*", TASK_SUMMARIZATION },
	{ "sintesi", TASK_SUMMARIZATION },
	{ "tldr", TASK_SUMMARIZATION },
	/* named-entity-recognition */
	{ "named entity recognition", TASK_NER },
	{ "named entities recognition", TASK_NER },
	{ "entity extraction", TASK_NER },
	{ "entity recognition", TASK_NER },
	{ "named entit*", TASK_NER },
	{ "ner", TASK_NER },
	{ "entit*", TASK_NER },
	{ "entidades nombradas", TASK_NER },
	{ "reconocimiento de entidades", TASK_NER },
	{ "reconocimiento de entidades nombradas", TASK_NER },
	{ "reconhecimento de entidades nomeadas", TASK_NER },
	{ "reconnaissance d entites nommees", TASK_NER },
	{ "reconnaissance des entites nommees", TASK_NER },
	{ "erkennung benannter entitaten", TASK_NER },
	{ "entidades nomeadas", TASK_NER },
	{ "reconhecimento de entidades", TASK_NER },
	{ "entites nommees", TASK_NER },
	{ "reconnaissance d entites", TASK_NER },
	{ "eigennam*", TASK_NER },
	{ "named entity", TASK_NER },
	{ "token classification", TASK_NER },
	{ "part of speech", TASK_NER },
	{ "pos tagging", TASK_NER },
	{ "sequence labeling", TASK_NER },
	{ "sequence labelling", TASK_NER },
	{ "riconoscimento di entita", TASK_NER },
	/* translation */
	{ "translat*", TASK_TRANSLATION },
	{ "machine translation", TASK_TRANSLATION },
	{ "traduccion automatica", TASK_TRANSLATION },
	{ "traduction automatique", TASK_TRANSLATION },
	{ "traducao automatica", TASK_TRANSLATION },
	{ "maschinelle ubersetzung", TASK_TRANSLATION },
	{ "parallel corp*", TASK_TRANSLATION },
	{ "parallel text*", TASK_TRANSLATION },
	{ "parallel sentence*", TASK_TRANSLATION },
	{ "bilingual", TASK_TRANSLATION },
	{ "bilingue*", TASK_TRANSLATION },
	{ "zweisprachig*", TASK_TRANSLATION },
	{ "traduc*", TASK_TRANSLATION },
	{ "traduz*", TASK_TRANSLATION },
	{ "traduire", TASK_TRANSLATION },
	{ "traducao", TASK_TRANSLATION },
	{ "traducoes", TASK_TRANSLATION },
	{ "traduzion*", TASK_TRANSLATION },
	{ "tradurre", TASK_TRANSLATION },
	{ "ubersetz*", TASK_TRANSLATION },
	{ "uebersetz*", TASK_TRANSLATION },
	{ "sentence pairs", TASK_TRANSLATION },
	/* dialogue */
	{ "dialog*", TASK_DIALOGUE },
	{ "dialogo*", TASK_DIALOGUE },
	{ "conversation*", TASK_DIALOGUE },
	{ "conversacion*", TASK_DIALOGUE },
	{ "conversa", TASK_DIALOGUE },
	{ "conversas", TASK_DIALOGUE },
	{ "conversacao", TASK_DIALOGUE },
	{ "conversacoes", TASK_DIALOGUE },
	{ "chat*", TASK_DIALOGUE },
	{ "gesprach*", TASK_DIALOGUE },
	{ "dialogh*", TASK_DIALOGUE },
	{ "conversazion*", TASK_DIALOGUE },
	{ "unterhaltung*", TASK_DIALOGUE },
	{ "instruction tuning", TASK_DIALOGUE },
	{ "instruction following", TASK_DIALOGUE },
	{ "multi turn", TASK_DIALOGUE },
	/* code */
	{ "code", TASK_CODE },
	{ "source code", TASK_CODE },
	{ "programming", TASK_CODE },
	{ "programmier*", TASK_CODE },
	{ "programmation", TASK_CODE },
	{ "programacion", TASK_CODE },
	{ "programacao", TASK_CODE },
	{ "codigo*", TASK_CODE },
	{ "quellcode*", TASK_CODE },
	{ "codice", TASK_CODE },
	{ "snippet*", TASK_CODE | PLAN_KEEP },
	{ "code snippets", TASK_CODE | PLAN_KEEP },
	{ "docstring*", TASK_CODE | PLAN_KEEP },
	{ "source file*", TASK_CODE },
	{ "text to sql", TASK_CODE },
	{ "nl2sql", TASK_CODE },
	{ "text2sql", TASK_CODE },
	{ "sql quer*", TASK_CODE },
	{ "natural language to sql", TASK_CODE },
	/* language-modeling */
	{ "language model*", TASK_LM },
	{ "language modelling", TASK_LM },
	{ "pretrain*", TASK_LM },
	{ "pre training", TASK_LM },
	{ "text generation", TASK_LM },
	{ "corpus", TASK_LM },
	{ "corpora", TASK_LM },
	{ "preaddestramento", TASK_LM },
	{ "vortraining", TASK_LM },
	{ "preentrenamiento", TASK_LM },
	{ "pre entrainement", TASK_LM },
	{ NULL, 0 }
};

/*
 * Languages: code, then names in English, Spanish, German, French,
 * Portuguese and the language itself.
 */
const struct plan_lang plan_langs[] = {
	{ "en", "english ingles englisch anglais inglese" },
	{ "es", "spanish espanol espanola spanisch* espagnol castellano "
	    "espanhol spagnolo" },
	{ "de", "german aleman alemana deutsch* allemand alemao tedesco" },
	{ "fr", "french frances francesa franzosisch* francais* frances "
	    "francese" },
	{ "pt", "portuguese portugues portuguesa portugiesisch* portugais "
	    "brazilian brasileir* brasilian* portoghese" },
	{ "it", "italian italiano italiana italienisch* italien" },
	{ "nl", "dutch neerlandes hollandisch niederlandisch* neerlandais "
	    "holandes nederlands" },
	{ "ja", "japanese japones japonesa japanisch* japonais nihongo "
	    "giapponese" },
	{ "zh", "chinese chino china chinesisch* chinois chines mandarin "
	    "cinese" },
	{ "ko", "korean coreano coreana koreanisch* coreen" },
	{ "ru", "russian ruso rusa russisch* russe russo" },
	{ "ar", "arabic arabe arabisch* arabo" },
	{ "hi", "hindi" },
	{ "tr", "turkish turco turca turkisch* turc turque" },
	{ "pl", "polish polaco polaca polnisch* polonais polones" },
	{ "sv", "swedish sueco sueca schwedisch* suedois" },
	{ "uk", "ukrainian ucraniano ucraniana ukrainisch* ukrainien" },
	{ "ca", "catalan catala katalanisch*" },
	{ "eu", "basque euskera vasco baskisch*" },
	{ "gl", "galician gallego galego" },
	{ "el", "greek griego griechisch* grec grego" },
	{ "he", "hebrew hebreo hebraisch* hebreu" },
	{ "fa", "persian farsi persa" },
	{ "id", "indonesian indonesio indonesisch* indonesien" },
	{ "vi", "vietnamese vietnamita vietnamesisch* vietnamien" },
	{ "th", "thai tailandes" },
	{ "bn", "bengali bangla" },
	{ "ur", "urdu" },
	{ "sw", "swahili suajili" },
	{ "da", "danish danes danisch* danois dinamarques" },
	{ "fi", "finnish finlandes finnisch* finnois" },
	{ "no", "norwegian noruego norwegisch* norvegien noruegues" },
	{ "cs", "czech checo tschechisch* tcheque" },
	{ "ro", "romanian rumano rumanisch* roumain romeno" },
	{ "hu", "hungarian hungaro ungarisch* hongrois" },
	{ NULL, NULL }
};
const size_t plan_nlangs = sizeof(plan_langs) / sizeof(plan_langs[0]) - 1;

/* "Multilingual" and its kin: the default set below. */
const char *const plan_multi_pats[] = {
	"multilingual", "multi lingual", "multilingue*", "plurilingu*",
	"mehrsprachig*", "several languages", "multiple languages",
	"many languages", "different languages", "various languages",
	"varios idiomas", "diversos idiomas", "multiples idiomas",
	"plusieurs langues", "mehreren sprachen", "verschiedenen sprachen",
	"diversas linguas", "varias linguas", "any language", NULL
};
const char *const plan_multi_default[] = {
	"en", "es", "fr", "de", "pt", "zh", "ja", "ar", NULL
};

/* Words before a list of language codes ("languages: en, es"). */
const char *const plan_langword_pats[] = {
	"lang", "language*", "languages", "idioma*", "lengua*", "sprache*",
	"langue*", "lingua*", "locale*", NULL
};

/*
 * Domains: a canonical name, the subreddits searched for it and the
 * arXiv categories added to the task's.
 */
const struct plan_domain plan_domains[] = {
	{ "product reviews", "BuyItForLife ProductReviews reviews",
	    "cs.IR" },
	{ "movie reviews", "movies TrueFilm MovieSuggestions", "cs.IR" },
	{ "restaurant reviews", "food FoodPorn AskCulinary", "cs.IR" },
	{ "hotel reviews", "travel solotravel", "cs.IR" },
	{ "customer support", "CustomerService techsupport "
	    "talesfromtechsupport", "cs.HC" },
	{ "finance", "finance investing stocks personalfinance",
	    "q-fin.GN q-fin.ST" },
	{ "cryptocurrency", "CryptoCurrency Bitcoin ethereum", "q-fin.TR" },
	{ "medicine", "medicine AskDocs Health", "q-bio.QM" },
	{ "mental health", "mentalhealth depression Anxiety", "cs.CY" },
	{ "law", "law legaladvice Ask_Lawyers", "cs.CY" },
	{ "climate", "climate climatechange environment",
	    "physics.ao-ph" },
	{ "politics", "politics PoliticalDiscussion worldnews", "cs.SI" },
	{ "news", "news worldnews", "cs.IR" },
	{ "social media", "socialmedia Twitter", "cs.SI" },
	{ "machine learning", "MachineLearning learnmachinelearning "
	    "artificial", "cs.LG cs.AI" },
	{ "software", "programming learnprogramming webdev", "cs.SE" },
	{ "science", "science askscience", "physics.gen-ph" },
	{ "mathematics", "math learnmath", "math.CO math.PR math.NT math.AG" },
	{ "education", "education Teachers AskAcademia", "cs.CY" },
	{ "sports", "sports soccer nba", "cs.CY" },
	{ "video games", "gaming Games truegaming", "cs.HC" },
	{ "cooking", "Cooking recipes food", "cs.CY" },
	{ "travel", "travel solotravel", "cs.CY" },
	{ "music", "Music LetsTalkMusic", "cs.SD" },
	{ "books", "books literature suggestmeabook", "cs.DL" },
	{ "history", "history AskHistorians", "physics.hist-ph" },
	{ "technology", "technology gadgets", "cs.CY" },
	{ "cars", "cars electricvehicles", "cs.CY" },
	{ "biomedicine", "bioinformatics biology labrats", "q-bio.QM q-bio.GN" },
	{ "astrophysics", "astrophysics Astronomy space",
	    "astro-ph.GA astro-ph.CO astro-ph.SR astro-ph.HE" },
	{ "quantum computing", "QuantumComputing quantum", "quant-ph" },
	{ "biology", "biology labrats", "q-bio.GN q-bio.PE q-bio.NC q-bio.BM" },
	{ "economics", "economics AskEconomics", "econ.GN econ.TH econ.EM" },
	{ "physics", "Physics AskPhysics",
	    "physics.gen-ph physics.class-ph hep-ph cond-mat.mtrl-sci" },
	{ "statistics", "statistics AskStatistics", "stat.ME stat.ML stat.AP" },
	{ "computer vision", "computervision", "cs.CV" },
	{ "chemistry", "chemistry", "physics.chem-ph" },
	{ "robotics", "robotics", "cs.RO" },
	{ "neuroscience", "neuroscience", "q-bio.NC" },
	{ "computer security", "netsec cybersecurity", "cs.CR" },
	{ "natural language processing", "LanguageTechnology", "cs.CL" },
	{ NULL, NULL, NULL }
};

/* Wording of each domain; val indexes plan_domains. */
const struct plan_pat plan_domain_pats[] = {
	{ "product review*", 0 },
	{ "customer review*", 0 },
	{ "amazon review*", 0 },
	{ "app review*", 0 },
	{ "resena* de producto*", 0 },
	{ "opiniones de producto*", 0 },
	{ "produktbewertung*", 0 },
	{ "produktrezension*", 0 },
	{ "avis client*", 0 },
	{ "avis sur les produits", 0 },
	{ "avaliac* de produto*", 0 },
	{ "movie review*", 1 },
	{ "film review*", 1 },
	{ "movie*", 1 },
	{ "film*", 1 },
	{ "pelicula*", 1 },
	{ "critica* de cine", 1 },
	{ "filmkritik*", 1 },
	{ "restaurant review*", 2 },
	{ "restaurant*", 2 },
	{ "hotel review*", 3 },
	{ "hotel*", 3 },
	{ "customer support", 4 },
	{ "customer service", 4 },
	{ "support ticket*", 4 },
	{ "atencion al cliente", 4 },
	{ "kundenservice", 4 },
	{ "kundensupport", 4 },
	{ "service client", 4 },
	{ "financ*", 5 },
	{ "stock market", 5 },
	{ "stocks", 5 },
	{ "finanz*", 5 },
	{ "bolsa", 5 },
	{ "banking", 5 },
	{ "banca", 5 },
	{ "banco*", 5 },
	{ "crypto*", 6 },
	{ "bitcoin", 6 },
	{ "criptomoneda*", 6 },
	{ "medical", 7 },
	{ "medicine", 7 },
	{ "clinical", 7 },
	{ "health*", 7 },
	{ "salud", 7 },
	{ "medic*", 7 },
	{ "medizin*", 7 },
	{ "gesundheit", 7 },
	{ "sante", 7 },
	{ "saude", 7 },
	{ "mental health", 8 },
	{ "salud mental", 8 },
	{ "legal", 9 },
	{ "law", 9 },
	{ "court*", 9 },
	{ "juridic*", 9 },
	{ "juridique*", 9 },
	{ "recht*", 9 },
	{ "derecho", 9 },
	{ "climate policy", 10 },
	{ "politica climatica", 10 },
	{ "politique climatique", 10 },
	{ "klimapolitik", 10 },
	{ "climate change", 10 },
	{ "climate*", 10 },
	{ "cambio climatico", 10 },
	{ "klima*", 10 },
	{ "climat*", 10 },
	{ "clima", 10 },
	{ "politic*", 11 },
	{ "elections", 11 },
	{ "politik*", 11 },
	{ "politique*", 11 },
	{ "news", 12 },
	{ "fake news", 12 },
	{ "noticias falsas", 12 },
	{ "noticias", 12 },
	{ "articles de presse", 12 },
	{ "articulos de prensa", 12 },
	{ "presse", 12 },
	{ "prensa", 12 },
	{ "zeitungsartikel*", 12 },
	{ "headlines", 12 },
	{ "nachrichten", 12 },
	{ "actualites", 12 },
	{ "tweets", 13 },
	{ "tweet", 13 },
	{ "tuits", 13 },
	{ "tuit", 13 },
	{ "twitter", 13 },
	{ "social media", 13 },
	{ "redes sociales", 13 },
	{ "soziale* medien", 13 },
	{ "reseaux sociaux", 13 },
	{ "machine learning", 14 },
	{ "deep learning", 14 },
	{ "artificial intelligence", 14 },
	{ "ai", 14 },
	{ "aprendizaje automatico", 14 },
	{ "maschinelles lernen", 14 },
	{ "apprentissage automatique", 14 },
	{ "aprendizado de maquina", 14 },
	{ "inteligencia artificial", 14 },
	{ "kunstliche intelligenz", 14 },
	{ "software", 15 },
	{ "python", 15 },
	{ "javascript", 15 },
	{ "rust", 15 },
	{ "science", 16 },
	{ "scientific", 16 },
	{ "scientifique*", 16 },
	{ "cientific*", 16 },
	{ "wissenschaftlich*", 16 },
	{ "ciencia*", 16 },
	{ "wissenschaft*", 16 },
	{ "math*", 17 },
	{ "matematica*", 17 },
	{ "education*", 18 },
	{ "educacion", 18 },
	{ "bildung", 18 },
	{ "sport*", 19 },
	{ "football", 19 },
	{ "soccer", 19 },
	{ "futbol", 19 },
	{ "fussball", 19 },
	{ "deporte*", 19 },
	{ "video game*", 20 },
	{ "videojuego*", 20 },
	{ "gaming", 20 },
	{ "recipe*", 21 },
	{ "cooking", 21 },
	{ "receta*", 21 },
	{ "rezept*", 21 },
	{ "recette*", 21 },
	{ "receita*", 21 },
	{ "cocina", 21 },
	{ "travel*", 22 },
	{ "airline*", 22 },
	{ "flight*", 22 },
	{ "viaje*", 22 },
	{ "reise*", 22 },
	{ "music*", 23 },
	{ "musica", 23 },
	{ "musik", 23 },
	{ "lyrics", 23 },
	{ "book*", 24 },
	{ "literature", 24 },
	{ "novel*", 24 },
	{ "libros", 24 },
	{ "bucher", 24 },
	{ "livres", 24 },
	{ "history", 25 },
	{ "historia", 25 },
	{ "geschichte", 25 },
	{ "technolog*", 26 },
	{ "tecnologia", 26 },
	{ "technik", 26 },
	{ "gadgets", 26 },
	{ "electric car*", 27 },
	{ "electric vehicle*", 27 },
	{ "car*", 27 },
	{ "auto*", 27 },
	{ "coche*", 27 },
	{ "biomedic*", 28 },
	{ "biomedizin*", 28 },
	{ "pubmed", 28 },
	{ "bioinformatic*", 28 },
	{ "genomic*", 28 },
	{ "astrophysic*", 29 },
	{ "astronom*", 29 },
	{ "cosmolog*", 29 },
	{ "astrofisic*", 29 },
	{ "astrophysik*", 29 },
	{ "astrophysique", 29 },
	{ "exoplanet*", 29 },
	{ "quantum comput*", 30 },
	{ "quantum*", 30 },
	{ "quanten*", 30 },
	{ "cuantic*", 30 },
	{ "quantique*", 30 },
	{ "biolog*", 31 },
	{ "econom*", 32 },
	{ "okonom*", 32 },
	{ "wirtschaft*", 32 },
	{ "physics", 33 },
	{ "physik", 33 },
	{ "fisica", 33 },
	{ "physique", 33 },
	{ "statistic*", 34 },
	{ "statistik*", 34 },
	{ "estadistic*", 34 },
	{ "statistique*", 34 },
	{ "computer vision", 35 },
	{ "vision por computador*", 35 },
	{ "chemistry", 36 },
	{ "chemie", 36 },
	{ "quimica", 36 },
	{ "chimie", 36 },
	{ "robotic*", 37 },
	{ "robotik", 37 },
	{ "neuroscien*", 38 },
	{ "neurowissenschaft*", 38 },
	{ "cybersecurity", 39 },
	{ "cyber security", 39 },
	{ "computer security", 39 },
	{ "natural language processing", 40 },
	{ "nlp", 40 },
	{ "computational linguistics", 40 },
	{ NULL, 0 }
};

/*
 * Stop words per language, the first word naming the language.  They
 * also serve the detector of the prompt's own language.
 */
const char *const plan_stop[] = {
	"en a an the and or of in on at to for from with by about into "
	"is are be been was were this that these those it its i we you "
	"me my our some any all each which what who how want need "
	"would like please can could should will using use based "
	"than then there their them they as so such not no only also "
	"get give find make build create collect gather generate "
	"between across around over under per very more most other "
	"had has have do does did just like want wants mostly good "
	"top best new old lots lot stuff things thing kind kinds vs versus "
	"maybe perhaps small smaller large big huge tiny short long "
	"teach teaching pairs pair continued continue continuing quick "
	"simple basic nice clean cleaned diverse realistic etc plus "
	"either both well really decent ready high quality", 
	"es el la los las un una unos unas y o de del en con por para "
	"sobre que es son al lo como se su sus mi quiero necesito "
	"crear hacer generar recopilar entre sin mas muy este esta "
	"estos estas cada otro otra",
	"de der die das den dem des ein eine einen einem einer und oder "
	"von vom zu zum zur mit fur uber auf im ist sind als wie ich "
	"wir mochte brauche erstelle erstellen sammeln sammle bitte "
	"aus bei nach nicht auch sehr",
	"fr le la les un une des et ou de du en dans sur pour par avec "
	"sans que qui est sont au aux ce cette ces je nous veux voudrais "
	"besoin creer faire generer collecter entre plus tres",
	"pt o a os as um uma uns umas e ou de do da dos das em no na nos "
	"nas com por para sobre que eu quero preciso criar fazer gerar "
	"coletar entre mais muito este esta cada",
	"it il lo la gli le un una e o di del della dei in con per su "
	"che sono voglio creare",
	"nl de het een en of van in op met voor over dat is zijn ik wil",
	NULL
};

/* Words about the request itself, never keywords. */
const char *const plan_meta[] = {
	"dataset*", "data", "datos", "daten", "donnees", "dados", "set",
	"conjunto", "datensatz*", "jeu", "collection", "rows", "row",
	"examples", "example", "samples", "sample", "records", "entries",
	"items", "filas", "ejemplos", "muestras", "zeilen", "beispiele",
	"lignes", "exemples", "linhas", "exemplos", "amostras", "around",
	"approximately", "about", "roughly", "least", "max", "maximum",
	"minimum", "k", "m", "training", "train", "fine", "tuning",
	"finetuning", "task", "analysis", "analisis", "analyse", "analise",
	"text", "texts", "texto", "textos", "texte", "model", "models",
	"modelo", "modell", "modele", "mil", "tausend", "mille", "thousand",
	"million*", "millon*", "milhoes", "hundred", "various", "different",
	"several", "multiple", "many", "idiomas", "langues", "sprachen",
	"linguas", "languages", "language", "idioma", "sprache", "langue",
	"lingua", "written", "escrito*", "geschrieben*", "ecrit*", "mostly",
	"only", "solo", "nur", "seulement", "apenas", "de", "half", "medio",
	"gere", "gerar", "genera", "generar", "generiere", "erstelle",
	"crea", "crear", "cree", "creer", "crie", "criar", "construye",
	"build", "compile", "assemble", "scrape", "fetch", "download",
	"obtener", "obter", "sammle", "recopila", "corpus", "phrases",
	"pares", "triples", "tags", "tag", "labels", "label", "etiquetas",
	"stars", "star", "sterne", "sternen", "estrellas", "etoiles",
	"estrelas", "stelle", "tema", "thema", "sujet", "answers", "answer",
	"context", "generation", "labelled", "labeled", NULL
};

/* Nouns that mark a number as a row count ("5,000 reviews"). */
const char *const plan_count_nouns[] = {
	"row*", "example*", "sample*", "record*", "document*", "doc*",
	"text*", "entr*", "item*", "sentence*", "pair*", "post*", "tweet*",
	"review*", "article*", "comment*", "question*", "dialog*",
	"conversation*", "instance*", "line*", "paper*", "page*", "phrase*", "triple*", "title*",
	"ticket*", "message*", "abstract*", "transcript*", "utterance*",
	"recension*", "esempi*", "frasi", "domande", "articoli", "righe",
	"critique*", "critica*", "kritik*", "poem*", "stories", "story",
	"essay*", "joke*", "recipe*", "email*", "mail*", "tuit*", "noticia*",
	"nachricht*", "notizi*", "conversa*", "dialogo*", "gesprach*",
	"fila*", "ejemplo*", "muestra*", "registro*", "documento*",
	"frase*", "oracion*", "pare*", "resena*", "comentario*",
	"articulo*", "pregunta*", "zeile*", "beispiel*", "datensatz*",
	"eintrag*", "eintrage*", "satz*", "satze*", "bewertung*", "artikel*",
	"ligne*", "exemple*", "echantillon*", "enregistrement*", "avis",
	"linha*", "exemplo*", "amostra*", "avaliac*", "snippet*", "file*",
	"function*", "repo*", "headline*", "summar*", "translation*", NULL
};

/*
 * Number words: values below 1000 add up, multipliers (val >= 100 marked
 * by the code in prompt.c) scale.
 */
const struct plan_pat plan_numwords[] = {
	{ "a", 1 }, { "one", 1 }, { "two", 2 }, { "three", 3 },
	{ "four", 4 }, { "five", 5 }, { "six", 6 }, { "seven", 7 },
	{ "eight", 8 }, { "nine", 9 }, { "ten", 10 }, { "eleven", 11 },
	{ "twelve", 12 }, { "fifteen", 15 }, { "twenty", 20 },
	{ "thirty", 30 }, { "forty", 40 }, { "fifty", 50 }, { "sixty", 60 },
	{ "seventy", 70 }, { "eighty", 80 }, { "ninety", 90 },
	{ "un", 1 }, { "uno", 1 }, { "una", 1 }, { "dos", 2 }, { "tres", 3 },
	{ "cinco", 5 }, { "diez", 10 }, { "veinte", 20 },
	{ "cincuenta", 50 }, { "cien", 100 }, { "dois", 2 }, { "dez", 10 },
	{ "cem", 100 }, { "zwei", 2 }, { "drei", 3 }, { "funf", 5 },
	{ "zehn", 10 }, { "zwanzig", 20 }, { "funfzig", 50 },
	{ "deux", 2 }, { "trois", 3 }, { "cinq", 5 }, { "dix", 10 },
	{ "vingt", 20 }, { "cinquante", 50 }, { "cent", 100 },
	{ "zehntausend", 10000 }, { "hunderttausend", 100000 },
	{ NULL, 0 }
};

/* Programming languages: GitHub's language: qualifier value. */
const struct plan_pat plan_progs[] = {
	{ "python", 0 }, { "javascript", 1 }, { "typescript", 2 },
	{ "java", 3 }, { "rust", 4 }, { "golang", 5 }, { "c++", 6 },
	{ "cpp", 6 }, { "c#", 7 }, { "csharp", 7 }, { "ruby", 8 },
	{ "php", 9 }, { "kotlin", 10 }, { "haskell", 11 }, { "sql", 12 },
	{ "scala", 13 }, { NULL, 0 }
};

static const char *const aliases[][2] = {
	{ "sentiment", "sentiment-analysis" },
	{ "sentiment analysis", "sentiment-analysis" },
	{ "classification", "text-classification" },
	{ "qa", "question-answering" },
	{ "question answering", "question-answering" },
	{ "summarisation", "summarization" },
	{ "ner", "named-entity-recognition" },
	{ "token-classification", "named-entity-recognition" },
	{ "named entity recognition", "named-entity-recognition" },
	{ "dialog", "dialogue" },
	{ "conversational", "dialogue" },
	{ "dialogue-modeling", "dialogue" },
	{ "sentiment-classification", "sentiment-analysis" },
	{ "topic-classification", "text-classification" },
	{ "named-entity-recognition", "named-entity-recognition" },
	{ "extractive-qa", "question-answering" },
	{ "open-domain-qa", "question-answering" },
	{ "conversation", "dialogue" },
	{ "chat", "dialogue" },
	{ "text-generation", "language-modeling" },
	{ "language-modelling", "language-modeling" },
	{ "language modeling", "language-modeling" },
	{ "lm", "language-modeling" },
	{ "machine-translation", "translation" },
	{ "code-generation", "code" },
	{ NULL, NULL }
};

int
plan_task_id(const char *name)
{
	char low[64];
	size_t i;
	int t;

	if (name == NULL)
		return -1;
	for (i = 0; name[i] != '\0' && i < sizeof(low) - 1; i++)
		low[i] = (name[i] >= 'A' && name[i] <= 'Z') ?
		    (char)(name[i] - 'A' + 'a') : name[i];
	if (name[i] != '\0')
		return -1;
	low[i] = '\0';
	for (t = 0; t < NTASK; t++)
		if (strcmp(low, plan_task_names[t]) == 0)
			return t;
	for (i = 0; aliases[i][0] != NULL; i++)
		if (strcmp(low, aliases[i][0]) == 0)
			return plan_task_id(aliases[i][1]);
	return -1;
}

const char *
plan_lang_code(const char *s)
{
	char low[48];
	size_t i, j;

	for (i = 0, j = 0; s[i] != '\0' && j < sizeof(low) - 1; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '_')
			c = '-';
		low[j++] = (char)((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
	}
	if (s[i] != '\0')
		return NULL;
	low[j] = '\0';
	/* "pt-BR", "zh-Hans": the primary subtag decides. */
	if (j > 2 && low[2] == '-')
		low[2] = '\0';
	for (i = 0; i < plan_nlangs; i++)
		if (strcmp(low, plan_langs[i].code) == 0)
			return plan_langs[i].code;
	for (i = 0; i < plan_nlangs; i++)
		if (plan_inlist(low, plan_langs[i].names))
			return plan_langs[i].code;
	return NULL;
}

/*
 * Phrases in English and in other languages, "english|es=...|de=...":
 * every domain's name, and topics common in requests.  build.c renders
 * a keyword found here (in any of its languages) in the language of
 * each Wikipedia edition, news region and subreddit searched, and in
 * English for the English-language sources.  Matching ignores case and
 * accents.
 */
const char *const plan_phrases[] = {
	"product reviews|es=reseñas de productos|de=Produktbewertungen|"
	    "fr=avis sur les produits|pt=avaliações de produtos|"
	    "it=recensioni di prodotti|nl=productrecensies|ja=商品レビュー|"
	    "zh=产品评论|ru=отзывы о товарах",
	"customer reviews|es=opiniones de clientes|de=Kundenbewertungen|"
	    "fr=avis clients|pt=avaliações de clientes|"
	    "it=recensioni dei clienti|nl=klantbeoordelingen|"
	    "ja=カスタマーレビュー|zh=客户评论|ru=отзывы покупателей",
	"movie reviews|es=críticas de cine|de=Filmkritiken|"
	    "fr=critiques de films|pt=críticas de filmes|"
	    "it=recensioni di film|nl=filmrecensies|ja=映画レビュー|"
	    "zh=电影评论|ru=рецензии на фильмы",
	"restaurant reviews|es=reseñas de restaurantes|"
	    "de=Restaurantbewertungen|fr=critiques de restaurants|"
	    "pt=avaliações de restaurantes|it=recensioni di ristoranti|"
	    "nl=restaurantrecensies|ja=レストランレビュー|zh=餐厅评论|"
	    "ru=отзывы о ресторанах",
	"hotel reviews|es=opiniones de hoteles|de=Hotelbewertungen|"
	    "fr=avis sur les hôtels|pt=avaliações de hotéis|"
	    "it=recensioni di hotel|nl=hotelbeoordelingen|ja=ホテルレビュー|"
	    "zh=酒店评论|ru=отзывы об отелях",
	"customer support|es=atención al cliente|de=Kundenservice|"
	    "fr=service client|pt=atendimento ao cliente|"
	    "it=assistenza clienti|nl=klantenservice|ja=カスタマーサポート|"
	    "zh=客户服务|ru=служба поддержки",
	"finance|es=finanzas|de=Finanzen|fr=finance|pt=finanças|"
	    "it=finanza|nl=financiën|ja=金融|zh=金融|ru=финансы",
	"cryptocurrency|es=criptomonedas|de=Kryptowährungen|"
	    "fr=cryptomonnaies|pt=criptomoedas|it=criptovalute|"
	    "nl=cryptovaluta|ja=暗号資産|zh=加密货币|ru=криптовалюты",
	"medicine|es=medicina|de=Medizin|fr=médecine|pt=medicina|"
	    "it=medicina|nl=geneeskunde|ja=医学|zh=医学|ru=медицина",
	"mental health|es=salud mental|de=psychische Gesundheit|"
	    "fr=santé mentale|pt=saúde mental|it=salute mentale|"
	    "nl=geestelijke gezondheid|ja=メンタルヘルス|zh=心理健康|"
	    "ru=психическое здоровье",
	"law|es=derecho|de=Recht|fr=droit|pt=direito|it=diritto|nl=recht|"
	    "ja=法律|zh=法律|ru=право",
	"climate|es=cambio climático|de=Klimawandel|"
	    "fr=changement climatique|pt=mudanças climáticas|"
	    "it=cambiamento climatico|nl=klimaatverandering|ja=気候変動|"
	    "zh=气候变化|ru=изменение климата",
	"climate change|es=cambio climático|de=Klimawandel|"
	    "fr=changement climatique|pt=mudanças climáticas|"
	    "it=cambiamento climatico|nl=klimaatverandering|ja=気候変動|"
	    "zh=气候变化|ru=изменение климата",
	"climate policy|es=política climática|de=Klimapolitik|"
	    "fr=politique climatique|pt=política climática|"
	    "it=politica climatica|nl=klimaatbeleid|ja=気候政策|zh=气候政策|"
	    "ru=климатическая политика",
	"politics|es=política|de=Politik|fr=politique|pt=política|"
	    "it=politica|nl=politiek|ja=政治|zh=政治|ru=политика",
	"news|es=noticias|de=Nachrichten|fr=actualités|pt=notícias|"
	    "it=notizie|nl=nieuws|ja=ニュース|zh=新闻|ru=новости",
	"social media|es=redes sociales|de=soziale Medien|"
	    "fr=réseaux sociaux|pt=redes sociais|it=social media|"
	    "nl=sociale media|ja=ソーシャルメディア|zh=社交媒体|"
	    "ru=социальные сети",
	"tweets|es=tuits|de=Tweets|fr=tweets|pt=tweets|it=tweet|nl=tweets|"
	    "ja=ツイート|zh=推文|ru=твиты",
	"machine learning|es=aprendizaje automático|"
	    "de=maschinelles Lernen|fr=apprentissage automatique|"
	    "pt=aprendizado de máquina|it=apprendimento automatico|"
	    "nl=machinaal leren|ja=機械学習|zh=机器学习|"
	    "ru=машинное обучение",
	"artificial intelligence|es=inteligencia artificial|"
	    "de=künstliche Intelligenz|fr=intelligence artificielle|"
	    "pt=inteligência artificial|it=intelligenza artificiale|"
	    "nl=kunstmatige intelligentie|ja=人工知能|zh=人工智能|"
	    "ru=искусственный интеллект",
	"software|es=software|de=Software|fr=logiciel|pt=software|"
	    "it=software|nl=software|ja=ソフトウェア|zh=软件|"
	    "ru=программное обеспечение",
	"science|es=ciencia|de=Wissenschaft|fr=science|pt=ciência|"
	    "it=scienza|nl=wetenschap|ja=科学|zh=科学|ru=наука",
	"mathematics|es=matemáticas|de=Mathematik|fr=mathématiques|"
	    "pt=matemática|it=matematica|nl=wiskunde|ja=数学|zh=数学|"
	    "ru=математика",
	"education|es=educación|de=Bildung|fr=éducation|pt=educação|"
	    "it=istruzione|nl=onderwijs|ja=教育|zh=教育|ru=образование",
	"sports|es=deportes|de=Sport|fr=sport|pt=esportes|it=sport|"
	    "nl=sport|ja=スポーツ|zh=体育|ru=спорт",
	"football|es=fútbol|de=Fußball|fr=football|pt=futebol|"
	    "it=calcio|nl=voetbal|ja=サッカー|zh=足球|ru=футбол",
	"video games|es=videojuegos|de=Videospiele|fr=jeux vidéo|"
	    "pt=jogos eletrônicos|it=videogiochi|nl=computerspellen|"
	    "ja=テレビゲーム|zh=电子游戏|ru=компьютерные игры",
	"cooking|es=cocina|de=Kochen|fr=cuisine|pt=culinária|it=cucina|"
	    "nl=koken|ja=料理|zh=烹饪|ru=кулинария",
	"recipes|es=recetas|de=Rezepte|fr=recettes|pt=receitas|it=ricette|"
	    "nl=recepten|ja=レシピ|zh=食谱|ru=рецепты",
	"travel|es=viajes|de=Reisen|fr=voyage|pt=viagens|it=viaggi|"
	    "nl=reizen|ja=旅行|zh=旅游|ru=путешествия",
	"music|es=música|de=Musik|fr=musique|pt=música|it=musica|"
	    "nl=muziek|ja=音楽|zh=音乐|ru=музыка",
	"books|es=libros|de=Bücher|fr=livres|pt=livros|it=libri|nl=boeken|"
	    "ja=書籍|zh=书籍|ru=книги",
	"history|es=historia|de=Geschichte|fr=histoire|pt=história|"
	    "it=storia|nl=geschiedenis|ja=歴史|zh=历史|ru=история",
	"technology|es=tecnología|de=Technologie|fr=technologie|"
	    "pt=tecnologia|it=tecnologia|nl=technologie|ja=テクノロジー|"
	    "zh=科技|ru=технологии",
	"cars|es=automóviles|de=Autos|fr=automobiles|pt=automóveis|"
	    "it=automobili|nl=auto's|ja=自動車|zh=汽车|ru=автомобили",
	"biomedicine|es=biomedicina|de=Biomedizin|fr=biomédecine|"
	    "pt=biomedicina|it=biomedicina|nl=biomedische wetenschappen|"
	    "ja=生物医学|zh=生物医学|ru=биомедицина",
	"hate speech|es=discurso de odio|de=Hassrede|fr=discours de haine|"
	    "pt=discurso de ódio|it=incitamento all'odio|nl=haatzaaien|"
	    "ja=ヘイトスピーチ|zh=仇恨言论|ru=язык вражды",
	"fake news|es=noticias falsas|de=Falschmeldungen|"
	    "fr=fausses nouvelles|pt=notícias falsas|it=notizie false|"
	    "nl=nepnieuws|ja=フェイクニュース|zh=假新闻|ru=фейковые новости",
	"elections|es=elecciones|de=Wahlen|fr=élections|pt=eleições|"
	    "it=elezioni|nl=verkiezingen|ja=選挙|zh=选举|ru=выборы",
	NULL
};

/*
 * Subreddits written mostly in a language other than English, added to
 * the domain's for the plan's first non-English languages.
 */
const char *const plan_lang_subs[] = {
	"es es mexico argentina", "de de Austria", "fr france Quebec",
	"pt brasil portugal", "it italy Italia", "nl thenetherlands",
	"ja newsokur", "zh China_irl", "ru ru", "pl Polska", "sv sweden",
	"da Denmark", "no norge", "fi Suomi", "ko hanguk", NULL
};

/*
 * Content words that tell the prompt's own language when no language is
 * named (counted with the stop words; task words count too).
 */
const char *const plan_markers[] = {
	"es preguntas respuestas resenas analisis sentimiento sentimientos "
	"datos ejemplos resumen resumenes traduccion conversaciones tuits "
	"noticias clasificacion opiniones",
	"de fragen antworten bewertungen stimmungsanalyse beispiele daten "
	"zusammenfassung nachrichten ubersetzung gesprache texte auf",
	"fr reponses avis exemples donnees resume traduction actualites "
	"reconnaissance entites nommees critiques",
	"pt perguntas respostas avaliacoes analise sentimento dados exemplos "
	"resumo resumos traducao conversas noticias opinioes",
	NULL
};

/* Words too common to search the Hugging Face Hub's dataset ids with. */
const char *const plan_hf_weak =
    "terms term functions function questions answers abstracts articles "
    "article texts words things policy support messages comments posts "
    "documents papers examples pairs change people world general "
    "recognition detection media";

/* GitHub topic of each task, or NULL. */
const char *const plan_task_topic[NTASK] = {
	"sentiment-analysis", "text-classification", "question-answering",
	"text-summarization", "named-entity-recognition",
	"machine-translation", "chatbot", NULL, "language-model"
};

/*
 * The folded form of every rendering in plan_phrases, with the index of
 * its phrase: made at the first call and kept for the process's life.
 */
static struct folded {
	char	*f;
	size_t	 entry;
} *folded;
static size_t nfolded;

static void
foldtable(void)
{
	const char *e, *p, *q, *bar;
	size_t i, cap = 0;
	char *tmp;

	for (i = 0; plan_phrases[i] != NULL; i++) {
		e = plan_phrases[i];
		for (p = e; *p != '\0'; p = *bar == '|' ? bar + 1 : bar) {
			bar = strchr(p, '|');
			if (bar == NULL)
				bar = p + strlen(p);
			q = p;
			if (p != e && (q = memchr(p, '=', (size_t)(bar - p))) !=
			    NULL)
				q++;
			else
				q = p;
			folded = xgrowarray(folded, nfolded, &cap, 512,
			    sizeof(*folded));
			tmp = xstrndup(q, (size_t)(bar - q));
			folded[nfolded].f = plan_fold(tmp);
			folded[nfolded].entry = i;
			nfolded++;
			free(tmp);
		}
	}
}

/*
 * plan_translate -- phrase rendered in lang ("en" for English) when the
 * table of phrases has it in any of its languages, or NULL.  Returns a
 * new string.
 */
char *
plan_translate(const char *phrase, const char *lang)
{
	const char *e = NULL, *p;
	char *fp, *r = NULL;
	size_t i, ll = strlen(lang);

	if (folded == NULL)
		foldtable();
	fp = plan_fold(phrase);
	for (i = 0; i < nfolded && e == NULL; i++)
		if (strcmp(fp, folded[i].f) == 0)
			e = plan_phrases[folded[i].entry];
	free(fp);
	if (e == NULL)
		return NULL;
	if (strcmp(lang, "en") == 0)
		return xstrndup(e, strcspn(e, "|"));
	for (p = strchr(e, '|'); p != NULL && r == NULL; p = strchr(p + 1, '|'))
		if (strncmp(p + 1, lang, ll) == 0 && p[1 + ll] == '=')
			r = xstrndup(p + 2 + ll, strcspn(p + 2 + ll, "|"));
	return r;
}

/*
 * Chinese and Japanese: language names and task wording, matched inside
 * the runs of Han and kana that the tokenizer keeps as one word.
 */
const struct plan_cjk plan_cjk_langs[] = {
	{ "日本語", "ja" }, { "日语", "ja" }, { "日文", "ja" }, { "英語", "en" },
	{ "英语", "en" }, { "英文", "en" }, { "中文", "zh" }, { "中国語", "zh" },
	{ "汉语", "zh" }, { "漢語", "zh" }, { "普通话", "zh" }, { "中国语", "zh" },
	{ "韓国語", "ko" }, { "韩语", "ko" }, { "ドイツ語", "de" }, { "德语", "de" },
	{ "フランス語", "fr" }, { "法语", "fr" }, { "スペイン語", "es" },
	{ "西班牙语", "es" }, { "ポルトガル語", "pt" }, { "葡萄牙语", "pt" },
	{ "イタリア語", "it" }, { "意大利语", "it" }, { "ロシア語", "ru" },
	{ "俄语", "ru" }, { "アラビア語", "ar" }, { "阿拉伯语", "ar" },
	{ "中英", "zh,en" }, { "英中", "en,zh" }, { "日英", "ja,en" },
	{ "英日", "en,ja" }, { "中日", "zh,ja" }, { "日中", "ja,zh" },
	{ "多言語", "*" }, { "多语言", "*" }, { "多語言", "*" },
	{ NULL, NULL }
};
const struct plan_cjk plan_cjk_tasks[] = {
	{ "情感", "sentiment-analysis" }, { "感情分析", "sentiment-analysis" },
	{ "感情", "sentiment-analysis" }, { "情绪", "sentiment-analysis" },
	{ "ネガポジ", "sentiment-analysis" }, { "评分", "text-classification" },
	{ "分类", "text-classification" }, { "分類", "text-classification" },
	{ "问答", "question-answering" }, { "質問応答", "question-answering" },
	{ "質問", "question-answering" }, { "问题", "question-answering" },
	{ "摘要", "summarization" }, { "要約", "summarization" },
	{ "总结", "summarization" }, { "命名实体", "named-entity-recognition" },
	{ "固有表現", "named-entity-recognition" },
	{ "实体识别", "named-entity-recognition" }, { "翻译", "translation" },
	{ "翻訳", "translation" }, { "対訳", "translation" },
	{ "对译", "translation" }, { "平行语料", "translation" },
	{ "对话", "dialogue" }, { "対話", "dialogue" }, { "会話", "dialogue" },
	{ "聊天", "dialogue" }, { "代码", "code" }, { "コード", "code" },
	{ "语料", "language-modeling" }, { "コーパス", "language-modeling" },
	{ "预训练", "language-modeling" }, { "事前学習", "language-modeling" },
	{ NULL, NULL }
};
