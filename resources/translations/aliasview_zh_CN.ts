<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Export</name>
    <message>
        <location filename="../../ui/exportrenderer.cpp" line="+268"/>
        <source>%1 — the script failed</source>
        <translation>%1 — 脚本出错</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — step %2 of %3, line %4</source>
        <translation>%1 — 第 %2 步（共 %3 步），第 %4 行</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>line %1: </source>
        <translation>第 %1 行：</translation>
    </message>
    <message>
        <location line="+151"/>
        <source>could not draw &apos;%1&apos;</source>
        <translation>无法绘制“%1”</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+15"/>
        <location line="+12"/>
        <source>could not write &apos;%1&apos;: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>Narration</name>
    <message>
        <location filename="../../ui/narration.cpp" line="+31"/>
        <source> and </source>
        <translation> 和 </translation>
    </message>
    <message>
        <location line="+64"/>
        <source>%1 raised %2: %3</source>
        <translation>%1 引发了 %2：%3</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 (buffer #%2)</source>
        <translation>%1（缓冲区 #%2）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 wrote %2 elements (%3 bytes) of buffer #%4</source>
        <translation>%1 向缓冲区 #%4 写入了 %2 个元素（%3 字节）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> at %1</source>
        <translation>，该缓冲区位于 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; %1 see buffer #%2 and changed</source>
        <translation>；%1 共享缓冲区 #%2，因此随之改变</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; %1 did not change</source>
        <translation>；%1 没有改变</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>.</source>
        <comment>end of a sentence</comment>
        <translation>。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 made %2, a %3 that shares buffer #%4 with %5: no copy.</source>
        <translation>%1 创建了 %2：一个与 %5 共享缓冲区 #%4 的 %3，没有复制数据。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 made %2, a %3 in its own buffer #%4.</source>
        <translation>%1 创建了 %2：一个位于独立缓冲区 #%4 中的 %3。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 printed; memory did not change.</source>
        <translation>%1 打印了输出；内存没有变化。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 changed no memory.</source>
        <translation>%1 没有改变任何内存。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>names</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>id()</source>
        <translation>id()</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dtype</source>
        <translation>数据类型（dtype）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>shape</source>
        <translation>形状（shape）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>strides (elements)</source>
        <translation>步长（以元素计）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>strides (bytes)</source>
        <translation>步长（以字节计）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>storage offset</source>
        <translation>存储偏移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>data_ptr</source>
        <translation>data_ptr</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>storage data_ptr</source>
        <translation>存储的 data_ptr</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nbytes</source>
        <translation>nbytes（字节数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is_contiguous</source>
        <translation>is_contiguous（是否连续）</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+4"/>
        <location line="+1"/>
        <location line="+3"/>
        <location line="+1"/>
        <source>True</source>
        <translation>True</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+4"/>
        <location line="+1"/>
        <location line="+3"/>
        <location line="+1"/>
        <source>False</source>
        <translation>False</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>device</source>
        <translation>设备（device）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>version</source>
        <translation>版本号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>requires_grad</source>
        <translation>requires_grad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is_leaf</source>
        <translation>is_leaf（是否叶子节点）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>grad_fn</source>
        <translation>grad_fn（梯度函数）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OWNDATA</source>
        <translation>OWNDATA（拥有数据）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WRITEABLE</source>
        <translation>WRITEABLE（可写）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>base</source>
        <translation>base（基数组）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>buffer</source>
        <translation>缓冲区</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>shares memory with</source>
        <translation>与之共享内存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <location filename="../../ui/operations.cpp" line="+40"/>
        <source>.detach()</source>
        <translation>.detach()</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>.numpy()</source>
        <translation>.numpy()</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>torch.from_numpy(·)</source>
        <translation>torch.from_numpy(·)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>torch.tensor(·) (a copy)</source>
        <translation>torch.tensor(·)（副本）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>.clone()</source>
        <translation>.clone()</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>+= %1</source>
        <translation>+= %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>.t()</source>
        <translation>.t()</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>.T</source>
        <translation>.T</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a row slice [0]</source>
        <translation>行切片 [0]</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>.contiguous()</source>
        <translation>.contiguous()</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>.reshape(-1)</source>
        <translation>.reshape(-1)</translation>
    </message>
</context>
<context>
    <name>av::ui::ArrayCardItem</name>
    <message>
        <location filename="../../ui/arraycarditem.cpp" line="+98"/>
        <source>strides %1  offset %2  %3</source>
        <translation>步长 %1  偏移 %2  %3</translation>
    </message>
    <message>
        <location line="+173"/>
        <source>new</source>
        <translation>新建</translation>
    </message>
</context>
<context>
    <name>av::ui::BufferBlockItem</name>
    <message>
        <location filename="../../ui/bufferblockitem.cpp" line="+76"/>
        <location line="+112"/>
        <source>buffer #%1 · %2 bytes · %3</source>
        <translation>缓冲区 #%1 · %2 字节 · %3</translation>
    </message>
</context>
<context>
    <name>av::ui::GraphScene</name>
    <message>
        <location filename="../../ui/arraycarditem.cpp" line="-117"/>
        <location filename="../../ui/graphscene.cpp" line="+312"/>
        <source>new</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/graphscene.cpp" line="+0"/>
        <source>changed</source>
        <translation>已改变</translation>
    </message>
    <message>
        <location filename="../../ui/graphscene.cpp" line="+137"/>
        <source>Names</source>
        <translation>变量名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Objects</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
</context>
<context>
    <name>av::ui::MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.cpp" line="+215"/>
        <location line="+98"/>
        <source>About aliasview</source>
        <translation>关于 aliasview</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>&lt;p&gt;&lt;b&gt;aliasview&lt;/b&gt; shows how PyTorch tensors and NumPy arrays share memory, step by step, with the real addresses.&lt;/p&gt;&lt;p&gt;Every answer matches PyTorch 1.13.1 and NumPy 1.24.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;aliasview&lt;/b&gt; 逐步展示 PyTorch 张量与 NumPy 数组如何共享内存，并给出真实的内存地址。&lt;/p&gt;&lt;p&gt;所有结果均与 PyTorch 1.13.1 和 NumPy 1.24 一致。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recent files</source>
        <translation>最近打开的文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Walkthroughs</source>
        <translation>分步演练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;trace…</source>
        <translation>打开轨迹(&amp;T)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export current step…</source>
        <translation>导出当前步骤(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;walkthrough…</source>
        <translation>导出整个演示(&amp;W)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation>单步执行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>后退一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run to cursor</source>
        <translation>运行到光标处</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run to end</source>
        <translation>运行到末尾</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+292"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location line="-291"/>
        <source>Fit to view</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operations</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happened</source>
        <translation>发生了什么</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Property</source>
        <translation>属性</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>untitled.py</source>
        <translation>未命名.py</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (trace, read-only)</source>
        <translation>（轨迹，只读）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cannot open</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not a trace</source>
        <translation>不是轨迹文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 is not an aliasview trace: %2</source>
        <translation>%1 不是 aliasview 轨迹文件：%2</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>only %1 of %2 bytes could be written</source>
        <translation>只写入了 %2 字节中的 %1 字节</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Save script</source>
        <translation>保存脚本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Python scripts (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save your changes to the script?</source>
        <translation>是否保存对脚本的更改？</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Open script</source>
        <translation>打开脚本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Python scripts (*.py);;Traces (*.json)</source>
        <translation>Python 脚本 (*.py);;轨迹文件 (*.json)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open trace</source>
        <translation>打开轨迹</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Traces (*.json)</source>
        <translation>轨迹文件 (*.json)</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>an untitled script</source>
        <translation>未命名脚本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recover unsaved edits</source>
        <translation>恢复未保存的编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>aliasview closed with unsaved edits to %1. Restore them?</source>
        <translation>aliasview 上次关闭时，对 %1 的编辑尚未保存。是否恢复？</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>line %1: </source>
        <translation>第 %1 行：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Press Step (F10) to run the first line.</source>
        <translation>按“单步执行”(F10) 运行第一行。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Add in place</source>
        <translation>原地加法</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value to add:</source>
        <translation>要加上的值：</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Append: %1</source>
        <translation>追加：%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+19"/>
        <location line="+7"/>
        <location line="+34"/>
        <location line="+13"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="-73"/>
        <location line="+26"/>
        <source>There is no step to export yet.</source>
        <translation>还没有可导出的步骤。</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export current step</source>
        <translation>导出当前步骤</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>PDF document, a page per step (*.pdf)</source>
        <translation>PDF 文档，每步一页 (*.pdf)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG images, one per step (*.png)</source>
        <translation>PNG 图片，每步一张 (*.png)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVG images, one per step (*.svg)</source>
        <translation>SVG 图片，每步一张 (*.svg)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export walkthrough</source>
        <translation>导出整个演示</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="-668"/>
        <location line="+668"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="-668"/>
        <source>Running the script to record its steps…</source>
        <translation>正在运行脚本并记录每一步…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recording</source>
        <translation>记录中</translation>
    </message>
    <message>
        <location line="+671"/>
        <source>Exporting step %1 of %2</source>
        <translation>正在导出第 %1 步（共 %2 步）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot create the folder &apos;%1&apos;.</source>
        <translation>无法创建文件夹“%1”。</translation>
    </message>
</context>
</TS>
