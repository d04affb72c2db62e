/*
 * progress.h -- what the live view (main.c) and the end of a run
 * (end.c) of ads-progress share: the tasks, the folders, the output.
 */
#ifndef ADS_PROGRESS_H
#define ADS_PROGRESS_H

#include <stdio.h>

#include <jv.h>

#define MAXTASK	64
#define TAILMAX	65536

struct task {
	char		*name;
	int		 source;	/* a source, not a stage */
	char		 sig[64];	/* last state/done reported */
	char		 told[64];	/* lines mode: the end said, or "" */
};

extern struct task tasks[MAXTASK];
extern int ntasks;
extern const char *rundir, *progdir;
extern long long target;	/* rows asked */
extern FILE *out;

/* What the end of a run (-m card, -m end) is told by the driver. */
struct endinfo {
	const char	*adsdir;	/* OUT/.ads, or NULL */
	const char	*langs;		/* -k: the languages kept */
	long long	 rounds, maxmore;	/* -R rounds,more */
	long long	 t0;		/* -b: when the run began */
	const char	*card;		/* -c: dataset_card.json */
	const char	*dataset;	/* -D: where the dataset is */
};

char *tail(const char *dir, const char *name, const char *ext);
char *slurp(const char *dir, const char *name, const char *ext);
int exists(const char *dir, const char *name, const char *ext);
long long num(jv o, const char *k);
void str(jv o, const char *k, char *buf, size_t len);
void clean(char *s);

void summary(void);
void merge(void);
void cardlines(const struct endinfo *e);
int endsummary(const struct endinfo *e);
void cancelreport(const char *adsdir);
void moresources(const char *adsdir);
void fetchround(const char *adsdir, long long round, const char *key);

#endif
