import { describe, expect, it } from "vitest";
import { detectFormat, readDictionary } from "./formats.js";

const pairs = (text: string) => readDictionary(text).pairs.map((p) => `${p.spun}→${p.original}`);

describe("dictionary formats", () => {
  it("tells the formats apart by content", () => {
    expect(detectFormat("recordsdata\tfiles\n")).toBe("tsv");
    expect(detectFormat("# spun,original\nrecordsdata,files\n\"laptop, program\",computer program\n")).toBe("csv");
    expect(detectFormat("big|large|huge\nsaid|mentioned\nword\n")).toBe("table");
    expect(detectFormat("{said|mentioned|stated}\n{year|12 months}\n")).toBe("spintax");
    // A pipe inside a TSV value does not make it a table.
    expect(detectFormat("a|b\tc\nx\ty\n")).toBe("tsv");
    expect(detectFormat("nothing here\n")).toBeNull();
  });

  it("reads CSV with quoting, comments and a header", () => {
    const csv = 'spun,original\n# a note\n"laptop, program","computer program"\n"he said ""hi""",greeted\nrecordsdata,files,extra\n';
    const r = readDictionary(csv);
    expect(r.format).toBe("csv");
    expect(r.problems).toEqual([]);
    expect(pairs(csv)).toEqual(["laptop program→computer program", "he said hi→greeted", "recordsdata→files"]);
    expect(r.pairs.map((p) => p.line)).toEqual([3, 4, 5]);
  });

  it("reverses a spinner table: every synonym is a spun form of its key; the first line of a key wins", () => {
    const table = "the new|the brand new\nbig|large|huge\nsaid|mentioned\nsaid|stated\nlone\nlarge|massive\n";
    expect(pairs(table)).toEqual(["the brand new→the new", "large→big", "huge→big", "mentioned→said", "massive→large"]);
    // The spinner picks uniformly among a line's synonyms: a short line's synonyms weigh more.
    const r = readDictionary(table);
    expect(r.pairs.find((p) => p.spun === "large")!.weight).toBe(1 / 2);
    expect(r.pairs.find((p) => p.spun === "mentioned")!.weight).toBe(1);
  });

  it("maps every spintax alternative to the first", () => {
    expect(pairs("{said|mentioned|stated}\n{year|12 months|yr}\n{alone}\n")).toEqual(["mentioned→said", "stated→said", "12 months→year", "yr→year"]);
  });

  it("reports malformed lines with their line number instead of throwing", () => {
    expect(readDictionary("ok\tfine\n\nbroken row\n").problems).toEqual([{ line: 3, message: 'expected "spun<TAB>original", got "broken row"' }]);
    expect(readDictionary("a,b\nonly\n").problems).toEqual([{ line: 2, message: 'expected "spun,original", got "only"' }]);
    expect(readDictionary('a,b\n"open quote,c\n').problems[0]!.message).toMatch(/^invalid CSV/);
    expect(readDictionary("a|b\n|c|d\n").problems).toEqual([{ line: 2, message: 'expected "key|synonym|synonym…", the key is empty in "|c|d"' }]);
    expect(readDictionary("{a|b}\n{c|d} and more\n").problems[0]!.line).toBe(2);
    expect(readDictionary("just words\n").problems[0]!.message).toMatch(/cannot tell the format/);
  });
});

describe("malformed table and spintax lines", () => {
  const problems = (text: string) => readDictionary(text).problems;
  const TABLE = 'expected "key|synonym|synonym…"';
  const SPINTAX = 'expected one "{original|alternative|…}" group';

  it("reports an empty field in a table line, wherever it is", () => {
    expect(problems("big|large\nfiles||recordsdata\n")).toEqual([{ line: 2, message: `${TABLE}, field 2 is empty in "files||recordsdata"` }]);
    expect(problems("big|large\nfiles|recordsdata|\n")).toEqual([{ line: 2, message: `${TABLE}, a trailing "|" leaves field 3 empty in "files|recordsdata|"` }]);
    expect(problems("big|large|  |huge\n")).toEqual([{ line: 1, message: `${TABLE}, field 3 is empty in "big|large|  |huge"` }]);
    expect(problems("big|large\n|recordsdata\n")).toEqual([{ line: 2, message: `${TABLE}, the key is empty in "|recordsdata"` }]);
    expect(problems("files||recordsdata\n")).toEqual([{ line: 1, message: `${TABLE}, field 2 is empty in "files||recordsdata"` }]);
    expect(problems("big|large\nsaid|mentioned\n{files||recordsdata}\n")).toEqual([{ line: 3, message: `${TABLE}, field 2 is empty in "{files||recordsdata}"` }]);
  });

  it("reports text outside a spintax group, an unclosed or stray brace, in a table and in spintax", () => {
    const cases: [string, string][] = [
      ["{files|recordsdata} extra", 'text after the closing brace in "{files|recordsdata} extra"'],
      ["extra {files|recordsdata}", 'text before the opening brace in "extra {files|recordsdata}"'],
      ["{files|recordsdata", 'the brace opened at column 1 is never closed in "{files|recordsdata"'],
      ["files|recordsdata}", 'a closing brace "}" without an opening one in "files|recordsdata}"'],
      ["{files|recordsdata}{big|large}", 'more than one {…} group on the line in "{files|recordsdata}{big|large}"'],
      ["{files|{recordsdata|data}}", 'a brace opened inside a {…} group (groups cannot nest) in "{files|{recordsdata|data}}"'],
    ];
    for (const [line, message] of cases) {
      // In a table (which may write a line as one spintax group), and alone in a file (read as a table).
      expect(problems(`big|large\nsaid|mentioned\n${line}\nlone\n`)).toEqual([{ line: 3, message: `${TABLE}, ${message}` }]);
      expect(problems(`# comment\n${line}\n`)).toEqual([{ line: 2, message: `${TABLE}, ${message}` }]);
      // In a spintax file.
      const r = readDictionary(`{said|mentioned}\n\n{year|12 months}\n${line}\n`);
      expect(r.format).toBe("spintax");
      expect(r.problems).toEqual([{ line: 4, message: `${SPINTAX}, ${message}` }]);
    }
    expect(problems("{a|b}\nno braces here\n")).toEqual([{ line: 2, message: `${SPINTAX}, got "no braces here"` }]);
    // An empty first alternative would make the second one the original.
    expect(readDictionary("{said|mentioned}\n{|a|b}\n").problems).toEqual([{ line: 2, message: `${SPINTAX}, the original (first alternative) is empty in "{|a|b}"` }]);
  });

  it("still reads the lines the formats allow", () => {
    const table = "# a spinner table\n\nthe new|the brand new\n{big|large|huge}\n  said | mentioned  \nlone\n{alone}\nbig|great (?)\n";
    expect(problems(table)).toEqual([]);
    expect(pairs(table)).toEqual(["the brand new→the new", "large→big", "huge→big", "mentioned→said"]);
    const spintax = "# spintax\n{said|mentioned|stated}\n\n  {year|12 months}  \n{alone}\n{said|}\n";
    expect(problems(spintax)).toEqual([]);
    expect(pairs(spintax)).toEqual(["mentioned→said", "stated→said", "12 months→year"]);
    // Braces and pipes inside pair lists are not table syntax.
    expect(problems("a|b\tc\n{x}\ty\n")).toEqual([]);
    expect(problems('"{a|b}",c\nd,e\nf,g\n')).toEqual([]);
  });

  it("reads decomposed accents as the letters they are, and lone-CR line ends as line ends", () => {
    // macOS writes "café" as "cafe" + U+0301: the accent was dropped, and "naïve" lost its entry.
    expect(pairs("zorblax\tcafe\u0301\nzib\tnai\u0308ve\n")).toEqual(["zorblax→café", "zib→naïve"]);
    expect(pairs("cafe\u0301\tx\n")).toEqual(["café→x"]);
    const mac = readDictionary("zorblax\tmayor\rquibbit\tgovernor\r");
    expect(mac.pairs.map((p) => `${p.spun}→${p.original}@${p.line}`)).toEqual(["zorblax→mayor@1", "quibbit→governor@2"]);
  });
});

describe("originals as written", () => {
  it("keeps the case and punctuation of originals, normalising only the spun side for matching", () => {
    const tsv = "Deoxyribonucleic Harm\tDNA damage\nyankee land\tU.S.\nsee plus plus\tC++\nlaptop program\t iPhone   app \namerica\tthe United States (?)\n";
    expect(pairs(tsv)).toEqual(["deoxyribonucleic harm→DNA damage", "yankee land→U.S.", "see plus plus→C++", "laptop program→iPhone app", "america→the United States"]);
    expect(pairs('"yankee land","U.S."\nsee plus plus,C++\n')).toEqual(["yankee land→U.S.", "see plus plus→C++"]);
    expect(pairs("America|yankee land|freedom land\n")).toEqual(["yankee land→America", "freedom land→America"]);
    expect(pairs("{U.S.|yankee land}\n")).toEqual(["yankee land→U.S."]);
  });

  it("still drops an original that is only a note, or the spun form in other case", () => {
    expect(pairs("a\t(?)\nsame\tSame\nU.S.\tu s\nok\tfine\n")).toEqual(["ok→fine"]);
  });
});

describe("header rows", () => {
  it("are a first row naming both columns, in TSV and CSV", () => {
    for (const header of ["spun\toriginal", "phrase\treplacement", "source\ttarget", "typo\tcorrection", "input\toutput", "Tortured\tExpected\tSource", "wrong\tright", "Phrases\tReplacements"]) {
      expect(pairs(`${header}\nlaptop program\tcomputer program\n`), header).toEqual(["laptop program→computer program"]);
    }
    expect(pairs("from,to\nlaptop program,computer program\n")).toEqual(["laptop program→computer program"]);
  });

  it("are not a real first entry whose spun side is a header word, nor a header-like row after the first", () => {
    expect(pairs("key\tcrucial\nlaptop program\tcomputer program\n")).toEqual(["key→crucial", "laptop program→computer program"]);
    expect(pairs("word\tterm\n")).toEqual([]);
    expect(pairs("# my list\nword,phrase\n")).toEqual(["word→phrase"]);
    expect(pairs("laptop program\tcomputer program\nphrase\treplacement\n")).toEqual(["laptop program→computer program", "phrase→replacement"]);
  });

  it("named in a comment above the entries (as unspin learn writes) leave the first row an entry", () => {
    const learned = "# spun\toriginal\tcount\tdocs\nword\tterm\t3\tspun.txt\nmentioned\tsaid\t2\tspun.txt\n";
    expect(pairs(learned)).toEqual(["word→term", "mentioned→said"]);
    expect(pairs("# spun,original\nkey,term\n")).toEqual(["key→term"]);
  });
});

describe("tables with lines written as {…} groups", () => {
  it("read as a table however many of their lines are groups, reporting only lines that are neither", () => {
    const mix = "computer program|laptop program\nbig|large|huge\n{said|mentioned}\n{help|assist}\n";
    expect(detectFormat(mix)).toBe("table");
    expect(readDictionary(mix).problems).toEqual([]);
    expect(pairs(mix)).toEqual(["laptop program→computer program", "large→big", "huge→big", "mentioned→said", "assist→help"]);
    expect(detectFormat("big|large\n{said|mentioned}\n{help|assist}\n{year|12 months}\n")).toBe("table");
    expect(readDictionary("big|large\n{said|mentioned}\n{help|assist}\nno separator\n").problems).toEqual([]);
    expect(readDictionary("big|large\n{said|mentioned}\n{help|assist}\n{a|b} extra\n").problems).toEqual([
      { line: 4, message: 'expected "key|synonym|synonym…", text after the closing brace in "{a|b} extra"' },
    ]);
    // Groups alone (with a typo among them) are still spintax.
    expect(detectFormat("{said|mentioned}\n{help|assist}\n{a|b} extra\n")).toBe("spintax");
  });
});

describe("CSV line numbers", () => {
  const problems = (text: string) => readDictionary(text, "csv").problems;

  it("are the physical line a record starts on, whatever the line ends inside quoted fields", () => {
    for (const eol of ["\n", "\r\n", "\r"]) {
      const csv = ["p,q", '"x', 'y",w', ",z", "# note", "", '"a', 'b",', "c,d", ""].join(eol);
      expect(problems(csv), JSON.stringify(eol)).toEqual([
        { line: 4, message: 'expected "spun,original", got ",z"' },
        { line: 7, message: 'expected "spun,original", got "a\\nb,"' },
      ]);
      expect(readDictionary(csv, "csv").pairs.map((p) => p.line)).toEqual([1, 2, 9]);
    }
  });

  it("name the line an unclosed quote opens on, not the end of the file", () => {
    const message = 'invalid CSV: the quote opened at line 2 is never closed, expected a closing quote (") before the end of the file';
    expect(problems('a,b\n"unterminated,c\nd,e\n')).toEqual([{ line: 2, message }]);
    expect(problems('a,b\r\nc,  "unterminated\r\nd,e\r\n')).toEqual([{ line: 2, message }]);
    // Quotes closed before it, doubled quotes and a comment's quote do not count.
    expect(problems('# "a comment\n"x\n""y""",b\nc,"open\nd,e\n')).toEqual([{ line: 4, message: message.replace("line 2", "line 4") }]);
  });
});
