"""Messages of the nlp area (CLI errors and reports); ids start with ``nlp.``."""

MESSAGES: dict[str, tuple[str, str]] = {
    "nlp.cli.help": ("文本理解：训练与评估分类模型", "Understanding: train and evaluate the classifier"),
    "nlp.cli.train.help": (
        "用语料、导入的历史记录和工作人员的更正重新训练分类模型（开发集准确率下降时不替换模型）",
        "Retrain the classifier from the corpus, imported history and staff corrections "
        "(the model is not replaced when dev accuracy falls)",
    ),
    "nlp.cli.import.help": (
        "导入带标注的历史记录（CSV 或 XLSX），按映射文件换成本系统的类别，供训练使用",
        "Import a labelled history (CSV or XLSX), mapped to our categories, for training",
    ),
    "nlp.cli.eval.help": ("在带标注的 JSON Lines 文件上评估分类器", "Evaluate the classifier on a labelled JSON Lines file"),
    "nlp.cli.classify.help": (
        "从标准输入读取消息（JSON Lines），逐行输出分类结果",
        "Read messages (JSON Lines) on stdin and write one classification per line",
    ),
    "nlp.error.empty_line": ("空行", "empty line"),
    "nlp.error.invalid_json": ("不是有效的 JSON", "not valid JSON"),
    "nlp.error.missing_text": ("缺少 text 字段或不是字符串", "missing or non-string \"text\""),
    "nlp.error.empty_text": ("文本为空", "empty text"),
    "nlp.error.too_long": ("文本超过 {limit} 个字符", "text longer than {limit} characters"),
    "nlp.error.file_not_found": ("找不到文件：{path}", "file not found: {path}"),
    "nlp.error.no_examples": ("文件中没有可用的标注样本：{path}", "no usable labelled examples in {path}"),
    "nlp.error.unknown_category": (
        "{path} 第 {line} 行：未知类别“{value}”（可用：{known}）",
        "{path} line {line}: unknown category \"{value}\" (known: {known})",
    ),
    "nlp.error.unknown_urgency": (
        "{path} 第 {line} 行：未知紧急程度“{value}”（可用：{known}）",
        "{path} line {line}: unknown urgency \"{value}\" (known: {known})",
    ),
    "nlp.error.bad_lines": (
        "{path}：跳过 {count} 行（不是含 text 和 category 的 JSON 对象），行号：{lines}",
        "{path}: {count} lines skipped (not a JSON object with text and category), lines {lines}",
    ),
    "nlp.error.needs_train_extra": (
        "训练需要 scikit-learn，请先安装：{command}",
        "training needs scikit-learn; install it with: {command}",
    ),
    "nlp.import.no_file": ("找不到文件：{path}", "file not found: {path}"),
    "nlp.import.no_column": (
        "{path} 中没有“{column}”列；现有的列：{present}",
        "{path} has no column \"{column}\"; its columns: {present}",
    ),
    "nlp.import.empty_table": ("{path} 是空表", "{path} is empty"),
    "nlp.import.bad_table": ("无法读取 {path}：{problem}", "cannot read {path}: {problem}"),
    "nlp.import.bad_encoding": (
        "{path} 既不是 UTF-8 也不是 GB18030 编码",
        "{path} is neither UTF-8 nor GB18030 text",
    ),
    "nlp.import.bad_mapping": ("映射文件 {path} 有误：{problem}", "mapping file {path}: {problem}"),
    "nlp.import.empty_mapping": ("映射文件 {path} 没有任何映射", "mapping file {path} maps nothing"),
    "nlp.import.unknown_target": (
        "映射文件 {path} 第 {line} 行：未知类别“{value}”（可用：{known}）",
        "mapping file {path} line {line}: unknown category \"{value}\" (known: {known})",
    ),
    "nlp.import.progress": ("导入 {path}", "importing {path}"),
    "nlp.import.summary": (
        "读取 {rows} 行，写入 {written} 条到 {path}",
        "{rows} rows read, {written} written to {path}",
    ),
    "nlp.import.skipped_empty": ("跳过 {count} 行：文本为空", "{count} rows skipped: empty text"),
    "nlp.import.skipped_long": (
        "跳过 {count} 行：文本超过 {limit} 个字符",
        "{count} rows skipped: text longer than {limit} characters",
    ),
    "nlp.import.skipped_already": (
        "跳过 {count} 行：已经导入过",
        "{count} rows skipped: already imported",
    ),
    "nlp.import.unmapped": (
        "{count} 行的标签在 {mapping} 中没有对应类别，未导入（不做猜测）：{labels}",
        "{count} rows have a label that {mapping} does not map; not imported (never guessed): {labels}",
    ),
    "nlp.import.next": ("下一步：linli nlp train", "next: linli nlp train"),
    "nlp.import.next_install": (
        "下一步：{command}，然后 linli nlp train",
        "next: {command}, then linli nlp train",
    ),
    "nlp.eval.title": ("评估结果：{path}（{n} 条）", "Evaluation: {path} ({n} messages)"),
    "nlp.eval.accuracy": ("准确率", "accuracy"),
    "nlp.eval.macro_f1": ("宏平均 F1", "macro-F1"),
    "nlp.eval.emergency_recall": ("紧急召回率", "emergency recall"),
    "nlp.eval.emergency_precision": ("紧急精确率", "emergency precision"),
    "nlp.eval.false_emergencies_per_100": ("误报紧急（每百条）", "false emergencies per 100"),
    "nlp.eval.high_recall": ("高优先级召回率", "high recall"),
    "nlp.eval.category": ("类别", "category"),
    "nlp.eval.precision": ("精确率", "precision"),
    "nlp.eval.recall": ("召回率", "recall"),
    "nlp.eval.support": ("样本数", "support"),
    "nlp.eval.confusion": ("混淆矩阵（行：标注，列：预测）", "confusion matrix (rows: gold, columns: predicted)"),
    "nlp.train.loading": ("读取语料……", "reading the corpus…"),
    "nlp.train.examples": (
        "语料 {corpus} 条，导入历史 {history} 条，更正 {corrections} 条，去重后共 {total} 条",
        "{corpus} corpus examples, {history} imported, {corrections} corrections, {total} in all",
    ),
    "nlp.train.no_database": (
        "未读取数据库中的更正（{problem}）",
        "staff corrections not read from the database ({problem})",
    ),
    "nlp.train.step": ("训练：{step}", "training: {step}"),
    "nlp.train.before": ("现有模型 {set}", "current {set}"),
    "nlp.train.after": ("新模型 {set}", "new {set}"),
    "nlp.train.compare": ("开发集上的现有模型（{path}）与新模型：", "the current model ({path}) and the new one on the dev sets:"),
    "nlp.train.refused": (
        "新模型在 {sets} 上准确率下降，未替换 {path}（确需替换请加 --force）",
        "dev accuracy fell on {sets}: {path} not replaced (use --force to replace it anyway)",
    ),
    "nlp.train.no_dev": ("没有开发集，跳过前后对比", "no dev set, before/after comparison skipped"),
    "nlp.train.written": ("模型已写入 {path}", "model written to {path}"),
}
